using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Web;

/// <summary>
/// Archived tasks over HTTP (docs/domain.md "Archived tasks"): at the turn of the year (the test
/// moves the domain clock) the done tasks of last year leave the roll-up with no request, so one
/// late task alone decides the health; <c>?archived=true</c> lists them, a single GET and the
/// export still answer them, reopening one brings it back, and they leave room under the task
/// limit. The clock only moves forward, so each test places itself relative to where it is.
/// </summary>
public sealed class ArchivedTasksTests(ArchivedTasksTests.App app) : IClassFixture<ArchivedTasksTests.App>
{
    public sealed class App() : ApiApp(new() { ["Cascade:ClockInterval"] = "00:00:00.2" });

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The local (Asia/Shanghai) year the test clock is in.</summary>
    private int Year => app.Clock.GetUtcNow().ToOffset(China).Year;

    private void MoveTo(DateTimeOffset local)
    {
        if (local > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(local.ToUniversalTime());
    }

    private static object Task(string id, string start, string due) => new { id, title = $"Task {id}", track = "party", start, due };

    private static async Task<JsonElement> Summary(HttpClient client, string unit) =>
        await (await client.GetAsync($"/api/v1/units/{unit}/summary")).Expect(HttpStatusCode.OK);

    private static async Task<JsonElement[]> List(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement[]>(url))!;

    [Fact]
    public async Task At_the_turn_of_the_year_last_years_done_work_leaves_the_roll_up_and_one_late_task_decides()
    {
        var client = await app.Client();
        var y = Year;
        MoveTo(new DateTimeOffset(y, 12, 31, 12, 0, 0, China));
        var unit = Api.Id("year");
        await client.CreateUnit(unit);
        var done = Enumerable.Range(0, 60).Select(i => new TaskDraft
        {
            Id = $"d{i}", Title = $"Task d{i}", Track = Track.Party, Start = new(y, 1, 1), Due = new(y, 11, 30), Status = TaskItemStatus.Done, Progress = 100,
        }).ToList();
        Assert.True((await app.Grains.GetGrain<IUnitGrain>(unit).ImportTasks(done, "tester")).Succeeded);
        await (await client.PostAsJsonAsync(Api.Tasks(unit), Task("late", $"{y}-11-01", $"{y}-12-20"))).Expect(HttpStatusCode.Created);

        // Before the year turns, the late task is 1 of 61: overdue share and lag 1.6%, green.
        var before = await Summary(client, unit);
        Assert.Equal(61, before.GetProperty("all").GetProperty("count").GetInt32());
        Assert.Equal("green", before.GetProperty("health").GetString());
        Assert.All(await List(client, Api.Tasks(unit)), t => Assert.False(t.GetProperty("archived").GetBoolean()));
        Assert.Empty(await List(client, Api.Tasks(unit) + "?archived=true"));
        Assert.DoesNotContain(await List(client, $"/api/v1/alerts?unit={unit}&state=firing"), a => a.GetProperty("rule").GetString() == "unitBehind");

        // Local midnight of 1 January: no request, the unit's clock pass drops the 60 done tasks.
        MoveTo(new DateTimeOffset(y + 1, 1, 1, 0, 0, 1, China));
        await Eventually.True(async () => (await Summary(client, unit)).GetProperty("all").GetProperty("count").GetInt32() == 1,
            "the archived tasks left the roll-up", TimeSpan.FromSeconds(20));
        var after = await Summary(client, unit);
        Assert.Equal(1, after.GetProperty("all").GetProperty("overdue").GetInt32());
        Assert.Equal(0, after.GetProperty("all").GetProperty("done").GetInt32());
        Assert.Equal("red", after.GetProperty("health").GetString());
        // The unit's alert rules read the same figures: the late task alone puts it behind.
        await Eventually.True(async () => (await List(client, $"/api/v1/alerts?unit={unit}&state=firing"))
            .Any(a => a.GetProperty("rule").GetString() == "unitBehind" && a.GetProperty("severity").GetString() == "red"),
            "the unit is red behind", TimeSpan.FromSeconds(20));

        var live = await List(client, Api.Tasks(unit));
        Assert.Equal("late", Assert.Single(live).GetProperty("id").GetString());
        Assert.True(live[0].GetProperty("overdue").GetBoolean());
        Assert.False(live[0].GetProperty("archived").GetBoolean());
        var archived = await List(client, Api.Tasks(unit) + "?archived=true");
        Assert.Equal(60, archived.Length);
        Assert.All(archived, t => Assert.True(t.GetProperty("archived").GetBoolean()));
        Assert.Equal(61, (await List(client, Api.Tasks(unit) + "?archived=false")).Length + archived.Length);
        var one = await (await client.GetAsync(Api.Task(unit, "d7"))).Expect(HttpStatusCode.OK);
        Assert.True(one.GetProperty("archived").GetBoolean());

        // The export is history: archived tasks are in it.
        var sheet = await Workbooks.Sheet(await client.GetAsync($"/api/v1/units/{unit}/tasks.xlsx"));
        Assert.Equal(61, sheet.Count);

        // Reopening an archived task makes it live again: it counts, and it is behind.
        var reopened = await (await client.Patch(Api.Task(unit, "d7"), """{"status":"inProgress","progress":50}""")).Expect(HttpStatusCode.OK);
        Assert.False(reopened.GetProperty("archived").GetBoolean());
        Assert.Equal(2, (await List(client, Api.Tasks(unit))).Length);
        Assert.Equal(59, (await List(client, Api.Tasks(unit) + "?archived=true")).Length);
        var back = await Summary(client, unit);
        Assert.Equal(2, back.GetProperty("all").GetProperty("count").GetInt32());
        Assert.Equal(2, back.GetProperty("all").GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task Archived_tasks_leave_room_under_the_task_limit()
    {
        var client = await app.Client();
        var y = Year;
        var unit = Api.Id("room");
        await client.CreateUnit(unit);
        // 1,990 live tasks and 10 done ones of last year: 2,000 stored, 1,990 counted.
        var drafts = Enumerable.Range(0, TaskRules.MaxTasksPerUnit).Select(i => new TaskDraft
        {
            Id = $"t{i}", Title = $"Task {i}", Track = Track.Party,
            Start = new(y - (i < 10 ? 1 : 0), 1, 1), Due = new(y - (i < 10 ? 1 : 0), 12, 31),
            Status = i < 10 ? TaskItemStatus.Done : TaskItemStatus.NotStarted, Progress = i < 10 ? 100 : 0,
        }).ToList();
        var imported = await app.Grains.GetGrain<IUnitGrain>(unit).ImportTasks(drafts, "tester");
        Assert.True(imported.Succeeded, imported.Detail);
        Assert.Equal(10, (await List(client, Api.Tasks(unit) + "?archived=true")).Length);

        for (var i = 0; i < 10; i++)
            await (await client.PostAsJsonAsync(Api.Tasks(unit), Task($"n{i}", $"{y}-01-01", $"{y}-12-31"))).Expect(HttpStatusCode.Created);
        var before = await client.State(unit);
        await (await client.PostAsJsonAsync(Api.Tasks(unit), Task("one-more", $"{y}-01-01", $"{y}-12-31"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal(before, await client.State(unit));
        Assert.Equal(TaskRules.MaxTasksPerUnit, (await List(client, Api.Tasks(unit))).Length);
        Assert.Equal(10, (await List(client, Api.Tasks(unit) + "?archived=true")).Length);
    }

    [Theory]
    [InlineData("?archived=yes")]
    [InlineData("?archived=1")]
    [InlineData("?archived=")]
    [InlineData("?archived=true&archived=false")]
    public async Task An_archived_filter_other_than_true_or_false_is_400(string query)
    {
        var client = await app.Client();
        var unit = Api.Id("bad");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "a");
        await (await client.GetAsync(Api.Tasks(unit) + query)).Invalid("archived");
        await (await client.GetAsync(Api.Tasks("no-such-unit") + query)).Problem(HttpStatusCode.NotFound);
        Assert.Single(await List(client, Api.Tasks(unit) + "?archived=False"));
    }
}
