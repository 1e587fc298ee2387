using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>docs/api.md "Silences" over HTTP: who may silence what (each refusal with its status), alerts marked silenced, ending, the audit trail, a restart.</summary>
public sealed class SilencesApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Password = "a-long-password";
    private const string Route = "/api/v1/silences";

    private async Task<HttpClient> As(string role, string? unitId = null)
    {
        var admin = await app.Client();
        var username = Api.Id(role);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "用户" + username, role, unitId })).Expect(HttpStatusCode.Created);
        return app.CreateClient(await app.SignIn(username, Password));
    }

    private string In(double days) => (app.Clock.GetUtcNow() + TimeSpan.FromDays(days)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    /// <summary>A committee with two branches, an overdue task (a taskOverdue alert) in the first.</summary>
    private async Task<(string Committee, string Branch, string Other, string AlertId)> Tree(HttpClient admin)
    {
        var (committee, branch, other) = (Api.Id("jgdw"), Api.Id("zb"), Api.Id("zb"));
        await admin.CreateUnit(committee, kind: "organCommittee");
        await admin.CreateUnit(branch, committee);
        await admin.CreateUnit(other, committee);
        await admin.CreateTask(branch, "late", start: "2026-01-01", due: "2026-02-01");
        var alerts = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!;
        return (committee, branch, other, alerts.Single(a => a.GetProperty("rule").GetString() == "taskOverdue").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Each_refusal_has_its_status_and_changes_nothing()
    {
        var admin = await app.Client();
        var (committee, branch, other, _) = await Tree(admin);
        var editor = await As("editor", branch);
        var committeeEditor = await As("editor", committee);
        var viewer = await As("viewer");
        object Body(string unit, double days, bool stopClimb = false, string reason = "换届选举", string? rule = null) =>
            new { unitId = unit, subtree = true, rule, until = In(days), reason, stopClimb };

        await (await viewer.PostAsJsonAsync(Route, Body(branch, 1))).Problem(HttpStatusCode.Forbidden);
        await (await editor.PostAsJsonAsync(Route, Body(other, 1))).Problem(HttpStatusCode.Forbidden);           // outside its subtree
        await (await editor.PostAsJsonAsync(Route, Body(committee, 1))).Problem(HttpStatusCode.Forbidden);       // above it
        await (await editor.PostAsJsonAsync(Route, Body(branch, 7.5))).Problem(HttpStatusCode.Forbidden);        // more than 7 days
        await (await editor.PostAsJsonAsync(Route, Body(branch, 1, stopClimb: true))).Problem(HttpStatusCode.Forbidden); // its own climb
        await (await editor.PostAsJsonAsync(Route, Body("no-such-unit", 1))).Problem(HttpStatusCode.Forbidden);  // no unit of its
        await (await admin.PostAsJsonAsync(Route, Body("no-such-unit", 1))).Problem(HttpStatusCode.NotFound);
        var invalid = await (await admin.PostAsJsonAsync(Route, new { unitId = branch, subtree = "yes", rule = "late", until = "tomorrow", reason = " " }))
            .Problem(HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        foreach (var field in new[] { "subtree", "rule", "until", "reason" }) Assert.True(errors.TryGetProperty(field, out _), field);
        await (await admin.PostAsJsonAsync(Route, Body(branch, -0.01))).Problem(HttpStatusCode.BadRequest);     // in the past
        await (await admin.PostAsJsonAsync(Route, Body(branch, 91))).Problem(HttpStatusCode.BadRequest);        // beyond 90 days
        await (await admin.PostAsJsonAsync(Route, Body(branch, 1, reason: new string('因', 501)))).Problem(HttpStatusCode.BadRequest);
        await (await admin.Post(Route, "[1]")).Problem(HttpStatusCode.BadRequest);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>($"{Route}?unit={committee}&subtree=true&ended=true"))!);

        // Allowed: the editor within 7 days; the committee's editor with the climb stopped below it.
        var own = await (await editor.PostAsJsonAsync(Route, Body(branch, 7))).Expect(HttpStatusCode.Created);
        Assert.Equal((branch, false, true), (own.GetProperty("unitId").GetString(), own.GetProperty("stopClimb").GetBoolean(), own.GetProperty("active").GetBoolean()));
        var stopping = await (await committeeEditor.PostAsJsonAsync(Route, Body(branch, 2, stopClimb: true))).Expect(HttpStatusCode.Created);
        // Ending a climb-stopping silence needs the same reach: the branch's editor may not, its committee's may.
        var stoppingId = stopping.GetProperty("id").GetString()!;
        await (await editor.DeleteAsync($"{Route}/{stoppingId}")).Problem(HttpStatusCode.Forbidden);
        await (await viewer.DeleteAsync($"{Route}/{own.GetProperty("id").GetString()}")).Problem(HttpStatusCode.Forbidden);
        await (await admin.DeleteAsync($"{Route}/no-such-silence")).Problem(HttpStatusCode.NotFound);
        var ended = await (await committeeEditor.DeleteAsync($"{Route}/{stoppingId}")).Expect(HttpStatusCode.OK);
        Assert.False(ended.GetProperty("active").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, ended.GetProperty("endedAt").ValueKind);

        // Idempotent by client id: the same body answers 200 and the stored one; another body 409.
        var id = Api.Id("sil");
        var body = new { id, unitId = branch, subtree = false, until = In(3), reason = "调研" };
        await (await admin.PostAsJsonAsync(Route, body)).Expect(HttpStatusCode.Created);
        var again = await (await admin.PostAsJsonAsync(Route, body)).Expect(HttpStatusCode.OK);
        Assert.Equal(id, again.GetProperty("id").GetString());
        await (await admin.PostAsJsonAsync(Route, body with { reason = "别的" })).Problem(HttpStatusCode.Conflict);
        var listed = (await viewer.GetFromJsonAsync<JsonElement[]>($"{Route}?unit={committee}&subtree=true"))!;
        Assert.Equal(2, listed.Length); // the ended one only with ended=true
        Assert.Equal(3, (await viewer.GetFromJsonAsync<JsonElement[]>($"{Route}?unit={committee}&subtree=true&ended=true"))!.Length);
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement[]>($"{Route}?unit={committee}"))!); // placed on the branch, not the committee
        await (await viewer.GetAsync($"{Route}?subtree=maybe")).Problem(HttpStatusCode.BadRequest);
        await (await viewer.GetAsync($"{Route}?unit=no-such-unit")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_silenced_alert_is_listed_marked_until_the_silence_ends_and_both_are_audited()
    {
        var admin = await app.Client();
        var (committee, branch, _, alertId) = await Tree(admin);
        bool Marked(JsonElement[] alerts, out DateTimeOffset? until)
        {
            var alert = alerts.Single(a => a.GetProperty("id").GetString() == alertId);
            until = alert.GetProperty("silencedUntil").ValueKind == JsonValueKind.Null ? null : alert.GetProperty("silencedUntil").GetDateTimeOffset();
            return alert.GetProperty("silenced").GetBoolean();
        }
        Assert.False(Marked((await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!, out _));

        var leader = await As("leader");
        var until = In(2);
        var silence = await (await leader.PostAsJsonAsync(Route, new { unitId = committee, subtree = true, rule = "taskOverdue", until, reason = "整改期内", stopClimb = true }))
            .Expect(HttpStatusCode.Created);
        var id = silence.GetProperty("id").GetString()!;
        Assert.True(Marked((await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!, out var at));
        Assert.Equal(DateTimeOffset.Parse(until), at);
        await Eventually.True(async () => Marked((await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={ApiApp.Root}&subtree=true"))!, out _),
            "the ledger's subtree list marks it too");
        var acknowledged = await (await admin.PostAsJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new { note = "已安排" })).Expect(HttpStatusCode.OK);
        Assert.True(acknowledged.GetProperty("silenced").GetBoolean());

        await (await leader.DeleteAsync($"{Route}/{id}")).Expect(HttpStatusCode.OK);
        Assert.False(Marked((await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!, out var none));
        Assert.Null(none);
        // Ending an ended silence changes nothing (and is not audited again).
        await (await leader.DeleteAsync($"{Route}/{id}")).Expect(HttpStatusCode.OK);

        var entries = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/audit?limit=1000"))!
            .Where(e => e.GetProperty("action").GetString()!.StartsWith("silence.", StringComparison.Ordinal)
                && e.GetProperty("after").GetRawText().Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Equal(["silence.end", "silence.create"], entries.Select(e => e.GetProperty("action").GetString()!));
        var created = entries[1].GetProperty("after");
        Assert.Equal((committee, "taskOverdue", "整改期内", true), (created.GetProperty("unitId").GetString(), created.GetProperty("rule").GetString(),
            created.GetProperty("reason").GetString(), created.GetProperty("stopClimb").GetBoolean()));
        Assert.Equal(committee, entries[1].GetProperty("unitId").GetString());
    }

    private sealed class Product(string path) : ApiApp(new() { ["Cascade:Storage:Sqlite:Path"] = path });

    [Fact]
    public async Task Silences_survive_a_restart_and_still_mark_their_alerts()
    {
        using var folder = new TempDirectory();
        var path = folder.File("cascade.db");
        string branch, alertId, id;
        await using (var first = new Product(path))
        {
            var admin = await first.Client();
            var unit = Api.Id("rs");
            await admin.CreateUnit(unit);
            await admin.CreateTask(unit, "late", start: "2026-01-01", due: "2026-02-01");
            alertId = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={unit}"))!
                .Single(a => a.GetProperty("rule").GetString() == "taskOverdue").GetProperty("id").GetString()!;
            branch = unit;
            id = (await (await admin.PostAsJsonAsync(Route, new { unitId = unit, subtree = false, until = (first.Clock.GetUtcNow() + TimeSpan.FromDays(3)).ToString("O"), reason = "重组" }))
                .Expect(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }
        await using var second = new Product(path);
        var again = await second.Client();
        Assert.Equal(id, (await again.GetFromJsonAsync<JsonElement[]>(Route))!.Single().GetProperty("id").GetString());
        var alert = (await again.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!.Single(a => a.GetProperty("id").GetString() == alertId);
        Assert.True(alert.GetProperty("silenced").GetBoolean());
    }
}
