using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Inspections;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Findings;

/// <summary>
/// A department the finding tests share: a committee with three branches (the first inspects), an
/// office below the second, a captured inspection of the committee naming the first branch as its
/// inspector, and clients of the admin, a leader, a viewer and each branch's editor.
/// </summary>
internal sealed record Inspected(
    string Inspection, string Committee, string Inspector, string Branch, string Other, string Office,
    HttpClient Admin, HttpClient Leader, HttpClient Viewer, HttpClient InspectorEditor, HttpClient BranchEditor, HttpClient OfficeEditor)
{
    public const string Password = "a-long-password";
    public const string Today = "2026-06-15";

    public static string Findings(string inspection) => $"/api/v1/inspections/{inspection}/findings";
    public static string Finding(string id) => $"/api/v1/findings/{id}";

    public static async Task<Inspected> Build(ApiApp app, string name)
    {
        var admin = await app.Client();
        var committee = Api.Id(name);
        await admin.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        var (inspector, branch, other) = (Api.Id(name + "-b"), Api.Id(name + "-b"), Api.Id(name + "-b"));
        foreach (var b in new[] { inspector, branch, other }) await admin.CreateUnit(b, committee, name: $"第{b}党支部");
        var office = Api.Id(name + "-o");
        await admin.CreateUnit(office, branch, kind: "office", name: "党小组");
        var inspection = Api.Id("dc");
        await (await admin.PostAsJsonAsync(Inspect.Route, Inspect.Body(inspection, committee, inspectors: [inspector]))).Expect(HttpStatusCode.Accepted);
        await Captured(admin, inspection);
        return new(inspection, committee, inspector, branch, other, office, admin,
            await Person(app, "leader", null), await Person(app, "viewer", null),
            await Person(app, "editor", inspector), await Person(app, "editor", branch), await Person(app, "editor", office));
    }

    public static async Task Captured(HttpClient client, string inspection) =>
        await Eventually.True(async () =>
            (await (await client.GetAsync($"{Inspect.Route}/{inspection}")).Expect(HttpStatusCode.OK)).GetProperty("state").GetString() == "captured",
            $"inspection {inspection} is captured", TimeSpan.FromSeconds(60));

    public static async Task<HttpClient> Person(ApiApp app, string role, string? unitId)
    {
        var username = Api.Id(role);
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "用户" + username, role, unitId }))
            .Expect(HttpStatusCode.Created);
        return app.CreateClient(await app.SignIn(username, Password));
    }

    public static object Body(string? id, string unitId, string text = "组织生活会会前谈心谈话记录不全", string due = "2026-09-30") =>
        new { id, unitId, text, due };

    /// <summary>Records a finding by the inspector branch's editor on the branch (201).</summary>
    public async Task<JsonElement> Record(string id, string? unitId = null, string text = "组织生活会会前谈心谈话记录不全") =>
        await (await InspectorEditor.PostAsJsonAsync(Findings(Inspection), Body(id, unitId ?? Branch, text))).Expect(HttpStatusCode.Created);

    public Task<JsonElement> Get(string id) => Admin.GetAsync(Finding(id)).ContinueWith(t => t.Result.Expect(HttpStatusCode.OK)).Unwrap();

    public async Task<JsonElement> Task(string id, string? unitId = null) =>
        await (await Admin.GetAsync(Api.Task(unitId ?? Branch, "f-" + id))).Expect(HttpStatusCode.OK);

    /// <summary>The branch's editor reports the task as <paramref name="status"/>.</summary>
    public async Task Report(string id, string status, int progress) =>
        await (await BranchEditor.PatchAsJsonAsync(Api.Task(Branch, "f-" + id), new { status, progress })).Expect(HttpStatusCode.OK);

    /// <summary>Waits until the finding is in <paramref name="state"/>; answers how long that took.</summary>
    public async Task<TimeSpan> Reaches(string id, string state)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.True(async () => (await Get(id)).GetProperty("state").GetString() == state, $"finding {id} is {state}", TimeSpan.FromSeconds(10));
        return clock.Elapsed;
    }
}
