using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Web;

namespace Cascade.Tests.Findings;

/// <summary>A finding's edits reach its task, a withdrawal removes both, and the list filters by unit, subtree, state, inspector and inspection.</summary>
public sealed class FindingEditTests(FindingEditTests.App app) : IClassFixture<FindingEditTests.App>
{
    public sealed class App : ApiApp;

    private static string[] Ids(JsonElement list) => [.. list.EnumerateArray().Select(f => f.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_patch_reaches_the_task_and_a_delete_withdraws_the_finding_and_its_task()
    {
        var d = await Inspected.Build(app, "edit");
        var id = Api.Id("f");
        await d.Record(id);
        await d.Report(id, "inProgress", 30);
        var text = new string('改', 250);
        var patched = await (await d.InspectorEditor.PatchAsJsonAsync(Inspected.Finding(id), new { text, due = "2026-10-31" })).Expect(HttpStatusCode.OK);
        Assert.Equal(text, patched.GetProperty("text").GetString());
        Assert.Equal("2026-10-31", patched.GetProperty("due").GetString());
        var task = await d.Task(id);
        Assert.Equal(text[..200], task.GetProperty("title").GetString());
        Assert.Equal("2026-10-31", task.GetProperty("due").GetString());
        // The unit's own report stays.
        Assert.Equal("inProgress", task.GetProperty("status").GetString());
        Assert.Equal(30, task.GetProperty("progress").GetInt32());
        // The owned fields are the finding's: the unit cannot change them on the task.
        await (await d.BranchEditor.PatchAsJsonAsync(Api.Task(d.Branch, "f-" + id), new { due = "2026-12-31" })).Problem(HttpStatusCode.Conflict);
        // The same values again change nothing.
        var same = await (await d.InspectorEditor.PatchAsJsonAsync(Inspected.Finding(id), new { due = "2026-10-31" })).Expect(HttpStatusCode.OK);
        Assert.Equal(patched.GetProperty("version").GetInt64(), same.GetProperty("version").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await d.InspectorEditor.DeleteAsync(Inspected.Finding(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await d.Admin.GetAsync(Inspected.Finding(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await d.Admin.GetAsync(Api.Task(d.Branch, "f-" + id))).StatusCode);
        Assert.DoesNotContain(id, Ids(await (await d.Admin.GetAsync($"/api/v1/findings?unit={d.Branch}")).Expect(HttpStatusCode.OK)));
        // The id is free again.
        await d.Record(id);
    }

    [Fact]
    public async Task A_closed_finding_is_withdrawn_with_its_locked_task()
    {
        var d = await Inspected.Build(app, "gone");
        var id = Api.Id("f");
        await d.Record(id);
        await d.Report(id, "done", 100);
        await d.Reaches(id, "awaitingConfirmation");
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "销号" })).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await d.Admin.DeleteAsync(Inspected.Finding(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await d.Admin.GetAsync(Api.Task(d.Branch, "f-" + id))).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_unit_subtree_state_inspector_and_inspection()
    {
        var d = await Inspected.Build(app, "list");
        var (onBranch, onOffice, onOther, closed) = (Api.Id("f"), Api.Id("f"), Api.Id("f"), Api.Id("f"));
        await d.Record(onBranch);
        await d.Record(onOffice, d.Office);
        await d.Record(onOther, d.Other);
        await d.Record(closed);
        await d.Report(closed, "done", 100);
        await d.Reaches(closed, "awaitingConfirmation");
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(closed) + "/confirm", new { note = "销号" })).Expect(HttpStatusCode.OK);
        await d.Report(onBranch, "done", 100);
        await d.Reaches(onBranch, "awaitingConfirmation");

        async Task<string[]> List(string query) => Ids(await (await d.Admin.GetAsync("/api/v1/findings?" + query)).Expect(HttpStatusCode.OK));
        string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];
        Assert.Equal(Sorted(onBranch, closed), await List($"unit={d.Branch}"));
        Assert.Equal(Sorted(onBranch, onOffice, closed), await List($"unit={d.Branch}&subtree=true"));
        Assert.Equal(Sorted(onBranch, onOffice, onOther, closed), await List($"unit={d.Committee}&subtree=true"));
        Assert.Equal(Sorted(onOffice, onOther), await List($"unit={d.Committee}&subtree=true&state=open"));
        Assert.Equal(Sorted(onBranch, closed), await List($"unit={d.Committee}&subtree=true&state=awaitingConfirmation&state=closed"));
        Assert.Equal(Sorted(onBranch, onOffice, onOther, closed), await List($"inspector={d.Inspector}"));
        Assert.Equal(Sorted(onBranch, onOffice, onOther, closed), await List($"inspection={d.Inspection}"));
        Assert.Empty(await List($"inspector={d.Other}"));
        var one = (await (await d.Admin.GetAsync($"/api/v1/findings?unit={d.Office}")).Expect(HttpStatusCode.OK))[0];
        Assert.Equal("open", one.GetProperty("state").GetString());
        Assert.Equal("notStarted", one.GetProperty("task").GetProperty("status").GetString());
        // Directives list no findings.
        var directives = await (await d.Admin.GetAsync($"/api/v1/directives?issuer={d.Inspector}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, directives.GetArrayLength());
    }
}
