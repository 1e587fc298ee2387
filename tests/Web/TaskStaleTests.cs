using System.Net;
using System.Net.Http.Json;

namespace Cascade.Tests.Web;

/// <summary>Task answers carry <c>stale</c> (docs/domain.md), evaluated when read, by the same rule the summary counts.</summary>
public sealed class TaskStaleTests(TaskStaleTests.App app) : IClassFixture<TaskStaleTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task A_task_untouched_for_the_stale_period_reads_stale_until_it_is_done()
    {
        var client = await app.Client();
        var unit = Api.Id("stale");
        await (await client.PostAsJsonAsync(Api.Units, new { id = unit, parentId = ApiApp.Root, name = "党支部", kind = "branch" })).Expect(HttpStatusCode.Created);
        var created = await (await client.PostAsJsonAsync(Api.Tasks(unit), new { id = "t1", title = "主题党日", track = "party", start = "2026-01-01", due = "2027-12-31" }))
            .Expect(HttpStatusCode.Created);
        Assert.False(created.GetProperty("stale").GetBoolean());

        app.Clock.Advance(TimeSpan.FromDays(30));
        var task = await (await client.GetAsync(Api.Task(unit, "t1"))).Expect(HttpStatusCode.OK);
        Assert.True(task.GetProperty("stale").GetBoolean());
        var listed = await (await client.GetAsync(Api.Tasks(unit))).Expect(HttpStatusCode.OK);
        Assert.True(listed[0].GetProperty("stale").GetBoolean());

        var done = await (await client.PatchAsJsonAsync(Api.Task(unit, "t1"), new { status = "done" })).Expect(HttpStatusCode.OK);
        Assert.False(done.GetProperty("stale").GetBoolean());
    }
}
