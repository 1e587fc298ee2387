using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Tests.Web;

/// <summary>
/// PATCH of a task: merge-patch semantics (docs/api.md) and the ordered normalisation of
/// docs/domain.md "Tasks", rules 1 to 8, each on its own.
/// </summary>
public sealed class TaskPatchTests(TaskPatchTests.App app) : IClassFixture<TaskPatchTests.App>
{
    public sealed class App : ApiApp;

    /// <summary>A task in the given state, reached through the API; returns its unit and url.</summary>
    private async Task<(HttpClient Client, string Unit, string Url)> TaskIn(string status, int progress, string note = "")
    {
        var client = await app.Client();
        var unit = Api.Id(status.ToLowerInvariant());
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1", note: note);
        var url = Api.Task(unit, "t1");
        if (status != "notStarted" || progress != 0)
        {
            var reached = await (await client.Patch(url, Api.Json(new { status, progress }))).Expect(HttpStatusCode.OK);
            Assert.Equal((status, progress), (reached.GetProperty("status").GetString(), reached.GetProperty("progress").GetInt32()));
        }
        return (client, unit, url);
    }

    private static async Task<(string? Status, int Progress)> Patched(HttpResponseMessage response)
    {
        var task = await response.Expect(HttpStatusCode.OK);
        return (task.GetProperty("status").GetString(), task.GetProperty("progress").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task Rule_1_done_with_progress_below_100_is_rejected_and_changes_nothing(int progress)
    {
        var (client, unit, url) = await TaskIn("inProgress", 40);
        var before = await client.State(unit);

        await (await client.Patch(url, Api.Json(new { status = "done", progress }))).Invalid("progress");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("notStarted")]
    [InlineData("inProgress")]
    [InlineData("blocked")]
    public async Task Rule_2_progress_100_with_a_status_other_than_done_is_rejected_and_changes_nothing(string status)
    {
        var (client, unit, url) = await TaskIn("inProgress", 40);
        var before = await client.State(unit);

        await (await client.Patch(url, Api.Json(new { status, progress = 100 }))).Invalid("status");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Rule_3_status_done_sets_progress_to_100()
    {
        var (client, _, url) = await TaskIn("inProgress", 40);

        Assert.Equal(("done", 100), await Patched(await client.Patch(url, """{"status":"done"}""")));
    }

    [Fact]
    public async Task Rule_4_progress_100_without_a_status_makes_the_task_done()
    {
        var (client, _, url) = await TaskIn("blocked", 40);

        Assert.Equal(("done", 100), await Patched(await client.Patch(url, """{"progress":100}""")));
    }

    [Fact]
    public async Task Rule_5_status_not_started_without_progress_sets_progress_to_0()
    {
        var (client, _, url) = await TaskIn("inProgress", 40);

        Assert.Equal(("notStarted", 0), await Patched(await client.Patch(url, """{"status":"notStarted"}""")));
    }

    [Theory]
    [InlineData("inProgress")]
    [InlineData("blocked")]
    public async Task Rule_6_reopening_a_done_task_without_its_progress_is_rejected_and_changes_nothing(string status)
    {
        var (client, unit, url) = await TaskIn("done", 100);
        var before = await client.State(unit);

        await (await client.Patch(url, Api.Json(new { status }))).Invalid("progress");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("inProgress")]
    [InlineData("blocked")]
    public async Task Rule_6_reopening_a_done_task_with_its_progress_is_accepted(string status)
    {
        var (client, _, url) = await TaskIn("done", 100);

        Assert.Equal((status, 70), await Patched(await client.Patch(url, Api.Json(new { status, progress = 70 }))));
    }

    [Fact]
    public async Task Rule_7_progress_below_100_on_a_done_task_reopens_it()
    {
        var (client, _, url) = await TaskIn("done", 100);

        Assert.Equal(("inProgress", 60), await Patched(await client.Patch(url, """{"progress":60}""")));
    }

    [Fact]
    public async Task Rule_8_progress_on_a_not_started_task_starts_it()
    {
        var (client, _, url) = await TaskIn("notStarted", 0);

        Assert.Equal(("inProgress", 30), await Patched(await client.Patch(url, """{"progress":30}""")));
    }

    [Fact]
    public async Task Rule_8_status_not_started_with_progress_above_0_becomes_in_progress()
    {
        var (client, _, url) = await TaskIn("blocked", 40);

        Assert.Equal(("inProgress", 30), await Patched(await client.Patch(url, """{"status":"notStarted","progress":30}""")));
    }

    [Fact]
    public async Task A_null_note_clears_the_note()
    {
        var (client, _, url) = await TaskIn("notStarted", 0, note: "waiting for the committee");

        var task = await (await client.Patch(url, """{"note":null}""")).Expect(HttpStatusCode.OK);

        Assert.Equal("", task.GetProperty("note").GetString());
        Assert.Equal(2, task.GetProperty("version").GetInt64());
        Assert.Equal("", (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("track")]
    [InlineData("weight")]
    [InlineData("start")]
    [InlineData("due")]
    [InlineData("status")]
    [InlineData("progress")]
    public async Task A_null_required_field_is_rejected_and_changes_nothing(string field)
    {
        var (client, unit, url) = await TaskIn("inProgress", 40);
        var before = await client.State(unit);

        await (await client.Patch(url, $$"""{"{{field}}":null}""")).Invalid(field);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_field_left_out_keeps_its_stored_value()
    {
        var (client, _, url) = await TaskIn("notStarted", 0, note: "keep me");
        var before = await client.GetFromJsonAsync<JsonElement>(url);

        var after = await (await client.Patch(url, """{"progress":20}""")).Expect(HttpStatusCode.OK);

        foreach (var field in new[] { "title", "track", "weight", "start", "due", "note" })
            Assert.Equal(before.GetProperty(field).GetRawText(), after.GetProperty(field).GetRawText());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"progress":40,"status":"inProgress"}""")]
    [InlineData("""{"title":"Task t1","track":"party","weight":1,"start":"2026-06-01","due":"2026-12-31","note":""}""")]
    [InlineData("""{"title":"  Task t1  "}""")]
    [InlineData("""{"note":null}""")]
    public async Task A_patch_that_changes_nothing_answers_200_and_keeps_version_and_updated_at(string body)
    {
        var (client, unit, url) = await TaskIn("inProgress", 40);
        var before = await client.State(unit);
        var task = await client.GetFromJsonAsync<JsonElement>(url);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var after = await (await client.Patch(url, body)).Expect(HttpStatusCode.OK);

        Assert.Equal(task.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(task.GetProperty("updatedAt").GetString(), after.GetProperty("updatedAt").GetString());
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_patch_that_changes_something_raises_version_by_one_and_stamps_updated_at()
    {
        var (client, _, url) = await TaskIn("inProgress", 40);
        var task = await client.GetFromJsonAsync<JsonElement>(url);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var after = await (await client.Patch(url, """{"progress":41}""")).Expect(HttpStatusCode.OK);

        Assert.Equal(task.GetProperty("version").GetInt64() + 1, after.GetProperty("version").GetInt64());
        Assert.Equal(app.Clock.GetUtcNow(), after.GetProperty("updatedAt").GetDateTimeOffset());
    }
}
