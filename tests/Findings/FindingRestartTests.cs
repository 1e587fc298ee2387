using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Findings;

/// <summary>A finding's state and its task's lock survive the product stopping and starting again on the same store.</summary>
public sealed class FindingRestartTests
{
    private sealed class Product(string path) : ApiApp(new() { ["Cascade:Storage:Sqlite:Path"] = path });

    [Fact]
    public async Task A_finding_awaiting_confirmation_is_still_awaiting_after_a_restart_and_its_closing_locks_the_task()
    {
        using var folder = new TempDirectory();
        var path = folder.File("cascade.db");
        string id, branch, inspectorUser;
        await using (var first = new Product(path))
        {
            var d = await Inspected.Build(first, "rs");
            (id, branch) = (Api.Id("f"), d.Branch);
            await d.Record(id);
            await d.Report(id, "done", 100);
            await d.Reaches(id, "awaitingConfirmation");
            inspectorUser = (await (await d.InspectorEditor.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK)).GetProperty("username").GetString()!;
        }

        await using var second = new Product(path);
        var admin = await second.Client();
        var listed = await (await admin.GetAsync($"/api/v1/findings?unit={branch}&state=awaitingConfirmation")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        var inspector = second.CreateClient(await second.SignIn(inspectorUser, Inspected.Password));
        await (await inspector.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "销号" })).Expect(HttpStatusCode.OK);
        await (await admin.PatchAsJsonAsync(Api.Task(branch, "f-" + id), new { status = "inProgress", progress = 10 })).Problem(HttpStatusCode.Conflict);
    }
}
