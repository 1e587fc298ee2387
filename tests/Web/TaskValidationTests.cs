using System.Net;
using System.Text.Json.Nodes;

namespace Cascade.Tests.Web;

/// <summary>Task bodies and route ids that docs/domain.md "Tasks" refuses, on POST and PATCH alike.</summary>
public sealed class TaskValidationTests(TaskValidationTests.App app) : IClassFixture<TaskValidationTests.App>
{
    public sealed class App : ApiApp;

    /// <summary>A valid task body with one field replaced by raw JSON (or removed when null).</summary>
    private static string Draft(string? field = null, string? json = null)
    {
        var body = new JsonObject
        {
            ["title"] = "Study the new rules", ["track"] = "party", ["weight"] = 2,
            ["start"] = "2026-06-01", ["due"] = "2026-12-31", ["note"] = "",
        };
        if (field is not null)
        {
            if (json is null) body.Remove(field);
            else body[field] = JsonNode.Parse(json);
        }
        return body.ToJsonString();
    }

    /// <summary>A unit with task t1; returns the unit id and its state to compare against.</summary>
    private async Task<(HttpClient Client, string Unit, string Before)> Arrange(string prefix)
    {
        var client = await app.Client();
        var unit = Api.Id(prefix);
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        return (client, unit, await client.State(unit));
    }

    /// <summary>Sends the value as a POST field and as a PATCH field; both must be 400 naming it and change nothing.</summary>
    private async Task RejectedEverywhere(string prefix, string field, string json)
    {
        var (client, unit, before) = await Arrange(prefix);

        await (await client.Post(Api.Tasks(unit), Draft(field, json))).Invalid(field);
        await (await client.Patch(Api.Task(unit, "t1"), $$"""{"{{field}}":{{json}}}""")).Invalid(field);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"Upper\"")]
    [InlineData("\"-dash\"")]
    [InlineData("\"\"")]
    [InlineData("\"with space\"")]
    [InlineData("\"t1\\n\"")]
    [InlineData("\"a2345678901234567890123456789012345678901234567890123456789012345\"")]
    [InlineData("7")]
    [InlineData("null")]
    public async Task A_malformed_task_id_in_the_body_is_rejected_and_changes_nothing(string id)
    {
        var (client, unit, before) = await Arrange("bad-task-id");

        await (await client.Post(Api.Tasks(unit), Draft("id", id))).Invalid("id");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("NOPE")]
    [InlineData("no_such")]
    [InlineData("missing")]
    public async Task An_unknown_or_malformed_unit_in_a_task_route_is_404_and_changes_nothing(string unit)
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        await (await client.GetAsync(Api.Tasks(unit))).Problem(HttpStatusCode.NotFound);
        await (await client.Post(Api.Tasks(unit), Draft())).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(Api.Task(unit, "t1"))).Problem(HttpStatusCode.NotFound);
        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":10}""")).Problem(HttpStatusCode.NotFound);
        await (await client.Delete(Api.Task(unit, "t1"))).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.Snapshot(Api.Units));
        await (await client.GetAsync($"{Api.Units}/{unit}")).Problem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("T1")]
    [InlineData("t_1")]
    [InlineData("t2")]
    public async Task An_unknown_or_malformed_task_in_the_route_is_404_and_changes_nothing(string taskId)
    {
        var (client, unit, before) = await Arrange("unknown-task");

        await (await client.GetAsync(Api.Task(unit, taskId))).Problem(HttpStatusCode.NotFound);
        await (await client.Patch(Api.Task(unit, taskId), """{"progress":10}""")).Problem(HttpStatusCode.NotFound);
        await (await client.Delete(Api.Task(unit, taskId))).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Every_missing_required_field_of_a_task_is_named()
    {
        var (client, unit, before) = await Arrange("missing-fields");

        await (await client.Post(Api.Tasks(unit), """{"weight":1}""")).Invalid("title", "track", "start", "due");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"\\t\\n\"")]
    [InlineData("7")]
    public async Task An_empty_blank_or_non_text_title_is_rejected_and_changes_nothing(string title) =>
        await RejectedEverywhere("blank-title", "title", title);

    [Fact]
    public async Task A_title_over_200_characters_is_rejected_and_changes_nothing() =>
        await RejectedEverywhere("long-title", "title", $"\"{new string('题', 201)}\"");

    [Fact]
    public async Task A_title_of_200_characters_is_accepted()
    {
        var (client, unit, _) = await Arrange("title-200");

        await (await client.Post(Api.Tasks(unit), Draft("title", $"\"{new string('题', 200)}\""))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_note_over_2000_characters_is_rejected_and_changes_nothing() =>
        await RejectedEverywhere("long-note", "note", $"\"{new string('n', 2001)}\"");

    [Theory]
    [InlineData("\"not a date\"")]
    [InlineData("\"2026-2-1\"")]
    [InlineData("\"2026-02-30\"")]
    [InlineData("\"2026-13-01\"")]
    [InlineData("\"26-02-01\"")]
    [InlineData("\"2026/02/01\"")]
    [InlineData("\"2026-02-01T00:00:00Z\"")]
    [InlineData("\"2026-02-01\\n\"")]
    [InlineData("\" 2026-02-01\"")]
    [InlineData("\"\u0662\u0660\u0662\u0666-\u0660\u0662-\u0660\u0661\"")]
    [InlineData("20260201")]
    [InlineData("null")]
    public async Task A_start_that_is_not_a_calendar_date_is_rejected_and_changes_nothing(string start) =>
        await RejectedEverywhere("bad-start", "start", start);

    [Theory]
    [InlineData("\"2026-02-30\"")]
    [InlineData("\"2026-2-1\"")]
    [InlineData("\"tomorrow\"")]
    public async Task A_due_that_is_not_a_calendar_date_is_rejected_and_changes_nothing(string due) =>
        await RejectedEverywhere("bad-due", "due", due);

    [Theory]
    [InlineData("start", "0001-01-01")]
    [InlineData("due", "9999-12-31")]
    public async Task A_date_whose_window_cannot_be_represented_is_rejected_and_changes_nothing(string field, string date)
    {
        var (client, unit, before) = await Arrange("edge-of-time");

        await (await client.Post(Api.Tasks(unit), Draft(field, $"\"{date}\""))).Invalid(field);
        await (await client.Patch(Api.Task(unit, "t1"), Api.Json(new { start = date, due = date }))).Invalid(field);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task The_first_and_last_representable_dates_are_accepted_and_the_unit_still_reads()
    {
        var (client, unit, _) = await Arrange("end-of-time");

        await (await client.Post(Api.Tasks(unit), Api.Json(new { title = "Long ago", track = "party", start = "0001-01-02", due = "0001-01-02" })))
            .Expect(HttpStatusCode.Created);
        await (await client.Patch(Api.Task(unit, "t1"), """{"start":"9999-12-30","due":"9999-12-30"}""")).Expect(HttpStatusCode.OK);

        await client.Snapshot(Api.Tasks(unit));
        await client.Snapshot($"{Api.Units}/{unit}/summary");
    }

    [Fact]
    public async Task A_start_after_due_is_rejected_and_changes_nothing()
    {
        var (client, unit, before) = await Arrange("start-after-due");

        await (await client.Post(Api.Tasks(unit), Api.Json(new { title = "Late", track = "party", start = "2026-07-02", due = "2026-07-01" })))
            .Invalid("start");
        await (await client.Patch(Api.Task(unit, "t1"), """{"start":"2027-01-01"}""")).Invalid("start");
        await (await client.Patch(Api.Task(unit, "t1"), """{"due":"2026-05-31"}""")).Invalid("due");
        await (await client.Patch(Api.Task(unit, "t1"), """{"start":"2026-08-02","due":"2026-08-01"}""")).Invalid("start");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_start_equal_to_due_is_accepted()
    {
        var (client, unit, _) = await Arrange("one-day");

        await (await client.Post(Api.Tasks(unit), Api.Json(new { title = "One day", track = "party", start = "2026-07-01", due = "2026-07-01" })))
            .Expect(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("1e9")]
    [InlineData("1000.0001")]
    [InlineData("1e400")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task A_weight_outside_0_to_1000_or_not_a_number_is_rejected_and_changes_nothing(string weight) =>
        await RejectedEverywhere("bad-weight", "weight", weight);

    [Theory]
    [InlineData("1000")]
    [InlineData("0.001")]
    public async Task A_weight_at_the_edges_is_accepted(string weight)
    {
        var (client, unit, _) = await Arrange("edge-weight");

        await (await client.Post(Api.Tasks(unit), Draft("weight", weight))).Expect(HttpStatusCode.Created);
        await (await client.Patch(Api.Task(unit, "t1"), $$"""{"weight":{{weight}}}""")).Expect(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("\"x\"")]
    [InlineData("\"50\"")]
    [InlineData("50.5")]
    [InlineData("1e2")]
    [InlineData("null")]
    public async Task A_progress_that_is_not_an_integer_from_0_to_100_is_rejected_and_changes_nothing(string progress)
    {
        var (client, unit, before) = await Arrange("bad-progress");

        await (await client.Patch(Api.Task(unit, "t1"), $$"""{"progress":{{progress}}}""")).Invalid("progress");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_progress_above_100_is_rejected_and_changes_nothing()
    {
        var (client, unit, before) = await Arrange("progress-101");

        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":101,"title":"Changed"}""")).Invalid("progress");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"finished\"")]
    [InlineData("\"Done\"")]
    [InlineData("\"in_progress\"")]
    [InlineData("\"\"")]
    [InlineData("3")]
    [InlineData("null")]
    public async Task An_unknown_status_is_rejected_and_changes_nothing(string status)
    {
        var (client, unit, before) = await Arrange("bad-status");

        await (await client.Patch(Api.Task(unit, "t1"), $$"""{"status":{{status}}}""")).Invalid("status");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"culture\"")]
    [InlineData("\"Party\"")]
    [InlineData("\"both\"")]
    [InlineData("0")]
    [InlineData("null")]
    public async Task An_unknown_track_is_rejected_and_changes_nothing(string track) =>
        await RejectedEverywhere("bad-track", "track", track);

    [Fact]
    public async Task Several_bad_fields_are_all_named_at_once()
    {
        var (client, unit, before) = await Arrange("many-bad");

        await (await client.Patch(Api.Task(unit, "t1"), """{"title":"","weight":0,"progress":101,"status":"finished","track":"x","start":"x"}"""))
            .Invalid("title", "weight", "progress", "status", "track", "start");

        Assert.Equal(before, await client.State(unit));
    }
}
