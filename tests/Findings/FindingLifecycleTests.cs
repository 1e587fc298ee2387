using System.Net;
using System.Net.Http.Json;
using Cascade.Directives;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Findings;

/// <summary>
/// A finding's whole life over HTTP (docs/api.md "Findings"): recorded by an inspector branch on
/// another branch, its task <c>f-{id}</c> reported done, awaiting confirmation within a second,
/// reopened, done again, confirmed (销号) and locked.
/// </summary>
public sealed class FindingLifecycleTests(FindingLifecycleTests.App app) : IClassFixture<FindingLifecycleTests.App>
{
    public sealed class App : ApiApp;

    /// <summary>The state the directive index holds for the finding: moved by the task's report alone, no read of the finding.</summary>
    private async Task<FindingState?> Indexed(string id) =>
        (await app.Grains.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Findings()).FirstOrDefault(r => r.Id == id)?.State;

    private async Task<TimeSpan> IndexReaches(string id, FindingState state)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.True(async () => await Indexed(id) == state, $"the index holds finding {id} as {state}", TimeSpan.FromSeconds(10));
        return clock.Elapsed;
    }

    [Fact]
    public async Task A_finding_goes_from_open_through_awaiting_and_reopening_to_closed_and_its_task_is_then_locked()
    {
        var d = await Inspected.Build(app, "life");
        var id = Api.Id("zg");
        var text = new string('记', 150) + "，会议记录不完整，" + new string('录', 200);
        var created = await d.Record(id, text: text);
        Assert.Equal(id, created.GetProperty("id").GetString());
        Assert.Equal("open", created.GetProperty("state").GetString());
        Assert.Equal("f-" + id, created.GetProperty("taskId").GetString());
        Assert.Equal(d.Inspector, created.GetProperty("inspectorUnitId").GetString());
        Assert.Equal(d.Inspection, created.GetProperty("inspectionId").GetString());
        Assert.Equal(text, created.GetProperty("text").GetString());

        // The task: a copy in the inspected unit, titled by the text's first 200 characters, from today.
        var task = await d.Task(id);
        Assert.Equal(text[..200], task.GetProperty("title").GetString());
        Assert.Equal("notStarted", task.GetProperty("status").GetString());
        Assert.Equal(Inspected.Today, task.GetProperty("start").GetString());
        Assert.Equal("2026-09-30", task.GetProperty("due").GetString());
        Assert.Equal("party", task.GetProperty("track").GetString());
        Assert.Equal(1, task.GetProperty("weight").GetDouble());
        Assert.Equal("f-" + id, task.GetProperty("directiveId").GetString());

        // Done: awaiting confirmation within a second, with nobody reading the finding.
        await d.Report(id, "done", 100);
        Assert.True(await IndexReaches(id, FindingState.AwaitingConfirmation) < TimeSpan.FromSeconds(1), "awaitingConfirmation within 1 s");
        Assert.Equal("awaitingConfirmation", (await d.Get(id)).GetProperty("state").GetString());

        // The inspected unit cannot confirm or reopen its own finding.
        await (await d.BranchEditor.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "我们改好了" })).Problem(HttpStatusCode.Forbidden);
        await (await d.BranchEditor.PostAsJsonAsync(Inspected.Finding(id) + "/reopen", new { note = "x" })).Problem(HttpStatusCode.Forbidden);

        // Reopened: open again, the task back in progress at 90.
        var reopened = await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/reopen", new { note = "佐证材料不全" })).Expect(HttpStatusCode.OK);
        Assert.Equal("open", reopened.GetProperty("state").GetString());
        Assert.Equal("佐证材料不全", reopened.GetProperty("note").GetString());
        task = await d.Task(id);
        Assert.Equal("inProgress", task.GetProperty("status").GetString());
        Assert.Equal(90, task.GetProperty("progress").GetInt32());
        Assert.Equal(FindingState.Open, await Indexed(id));

        // Not awaiting confirmation: confirming is a conflict.
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "销号" })).Problem(HttpStatusCode.Conflict);

        // Done again, then confirmed (销号): closed, the task locked.
        await d.Report(id, "done", 100);
        Assert.True(await IndexReaches(id, FindingState.AwaitingConfirmation) < TimeSpan.FromSeconds(1), "awaitingConfirmation again within 1 s");
        var closed = await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "整改到位，同意销号" })).Expect(HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal("整改到位，同意销号", closed.GetProperty("note").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        Assert.Equal(FindingState.Closed, await Indexed(id));

        var locked = await d.Task(id);
        Assert.True(locked.GetProperty("locked").GetBoolean());
        await (await d.BranchEditor.PatchAsJsonAsync(Api.Task(d.Branch, "f-" + id), new { status = "inProgress", progress = 50 })).Problem(HttpStatusCode.Conflict);
        await (await d.BranchEditor.PatchAsJsonAsync(Api.Task(d.Branch, "f-" + id), new { note = "补充说明" })).Problem(HttpStatusCode.Conflict);
        await (await d.Admin.DeleteAsync(Api.Task(d.Branch, "f-" + id))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("done", (await d.Task(id)).GetProperty("status").GetString());

        // Closed never changes: confirm, reopen and edits are conflicts.
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "再次" })).Problem(HttpStatusCode.Conflict);
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(id) + "/reopen", new { note = "再次" })).Problem(HttpStatusCode.Conflict);
        await (await d.InspectorEditor.PatchAsJsonAsync(Inspected.Finding(id), new { text = "改一下" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("closed", (await d.Get(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_unit_taking_its_task_back_from_done_while_awaiting_makes_the_finding_open_again()
    {
        var d = await Inspected.Build(app, "back");
        var id = Api.Id("zg");
        await d.Record(id);
        await d.Report(id, "done", 100);
        await IndexReaches(id, FindingState.AwaitingConfirmation);
        await d.Report(id, "inProgress", 60);
        Assert.True(await IndexReaches(id, FindingState.Open) < TimeSpan.FromSeconds(1), "open again within 1 s");
        Assert.Equal("open", (await d.Get(id)).GetProperty("state").GetString());
        await (await d.Leader.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "销号" })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Reopening_takes_the_progress_given_and_leaders_and_admins_decide_too()
    {
        var d = await Inspected.Build(app, "lead");
        var id = Api.Id("zg");
        await d.Record(id);
        await d.Report(id, "done", 100);
        await IndexReaches(id, FindingState.AwaitingConfirmation);
        await (await d.Leader.PostAsJsonAsync(Inspected.Finding(id) + "/reopen", new { note = "再看看", progress = 40 })).Expect(HttpStatusCode.OK);
        Assert.Equal(40, (await d.Task(id)).GetProperty("progress").GetInt32());
        await d.Report(id, "done", 100);
        await IndexReaches(id, FindingState.AwaitingConfirmation);
        await (await d.Admin.PostAsJsonAsync(Inspected.Finding(id) + "/confirm", new { note = "销号" })).Expect(HttpStatusCode.OK);
        Assert.Equal("closed", (await d.Get(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_roll_up_counts_the_task_as_the_unit_reports_it()
    {
        var d = await Inspected.Build(app, "roll");
        var id = Api.Id("zg");
        await d.Record(id);
        await d.Report(id, "done", 100);
        await Eventually.True(async () =>
        {
            var all = (await (await d.Admin.GetAsync($"{Api.Units}/{d.Branch}/summary")).Expect(HttpStatusCode.OK)).GetProperty("all");
            return all.GetProperty("count").GetInt32() == 1 && all.GetProperty("done").GetInt32() == 1;
        }, "the branch's summary counts the done task");
    }
}
