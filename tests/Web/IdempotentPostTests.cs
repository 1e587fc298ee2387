using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Tests.Web;

/// <summary>
/// docs/api.md: a POST with a client-given id is idempotent for units and tasks alike; another body
/// under the same id is 409. Also what a created task answers with, and the 2,000-task limit.
/// </summary>
public sealed partial class IdempotentPostTests(IdempotentPostTests.App app) : IClassFixture<IdempotentPostTests.App>
{
    public sealed class App : ApiApp;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z")]
    private static partial Regex IdPattern();

    private static string TaskBody(string? id = null, string title = "Study the new rules", object? weight = null, string? note = null)
    {
        var body = new Dictionary<string, object?> { ["title"] = title, ["track"] = "business", ["start"] = "2026-06-01", ["due"] = "2026-12-31" };
        if (id is not null) body["id"] = id;
        if (weight is not null) body["weight"] = weight;
        if (note is not null) body["note"] = note;
        return Api.Json(body);
    }

    [Fact]
    public async Task The_same_unit_post_again_answers_200_with_the_unit_and_duplicates_nothing()
    {
        var client = await app.Client();
        var id = Api.Id("again");
        var body = Api.Json(new { id, parentId = ApiApp.Root, name = "Again", kind = "office" });
        var created = await (await client.Post(Api.Units, body)).Expect(HttpStatusCode.Created);
        var before = await client.State(id);

        var repeated = await (await client.Post(Api.Units, body)).Expect(HttpStatusCode.OK);

        Assert.Equal(created.GetRawText(), repeated.GetRawText());
        Assert.Equal(before, await client.State(id));
        var units = await client.GetFromJsonAsync<JsonElement[]>(Api.Units);
        Assert.Single(units!, u => u.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Posting_the_root_again_answers_200_not_a_second_root_conflict()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        var root = await (await client.Post(Api.Units, Api.Json(new { id = ApiApp.Root, parentId = (string?)null, name = "Root", kind = "partyGroup" })))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(ApiApp.Root, root.GetProperty("id").GetString());
        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task A_unit_post_that_differs_only_by_defaults_and_trimming_is_the_same_body()
    {
        var client = await app.Client();
        var id = Api.Id("defaults");
        await (await client.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name = "Defaults", kind = "office" }))).Expect(HttpStatusCode.Created);
        var before = await client.State(id);

        await (await client.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name = "  Defaults ", kind = "office", sort = 0 })))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(before, await client.State(id));
    }

    [Theory]
    [InlineData("Another name", "office", 0)]
    [InlineData("Conflicting", "branch", 0)]
    [InlineData("Conflicting", "office", 3)]
    public async Task The_same_unit_id_with_another_body_is_a_conflict_and_changes_nothing(string name, string kind, int sort)
    {
        var client = await app.Client();
        var id = Api.Id("conflicting");
        await (await client.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name = "Conflicting", kind = "office" }))).Expect(HttpStatusCode.Created);
        var before = await client.State(id);

        await (await client.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name, kind, sort }))).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(id));
    }

    [Fact]
    public async Task The_same_unit_id_under_another_existing_parent_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var (other, id) = (Api.Id("other-parent"), Api.Id("placed"));
        await client.CreateUnit(other);
        await client.CreateUnit(id);
        var before = await client.State(id);

        await (await client.Post(Api.Units, Api.Json(new { id, parentId = other, name = $"Unit {id}", kind = "branch" }))).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(id));
    }

    [Fact]
    public async Task A_unit_post_is_compared_with_what_is_stored_now()
    {
        var client = await app.Client();
        var id = Api.Id("renamed");
        var original = Api.Json(new { id, parentId = ApiApp.Root, name = "Original", kind = "office" });
        await (await client.Post(Api.Units, original)).Expect(HttpStatusCode.Created);
        await (await client.Patch($"{Api.Units}/{id}", """{"name":"Current"}""")).Expect(HttpStatusCode.OK);

        await (await client.Post(Api.Units, original)).Problem(HttpStatusCode.Conflict);
        await (await client.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name = "Current", kind = "office" }))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_task_post_again_answers_200_with_the_task_and_duplicates_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("task-again");
        await client.CreateUnit(unit);
        var body = TaskBody("t1", weight: 3, note: "first");
        var created = await (await client.Post(Api.Tasks(unit), body)).Expect(HttpStatusCode.Created);
        var before = await client.State(unit);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await client.Post(Api.Tasks(unit), body);

        var repeated = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(created.GetRawText(), repeated.GetRawText());
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal(before, await client.State(unit));
        Assert.Single((await client.GetFromJsonAsync<JsonElement[]>(Api.Tasks(unit)))!);
    }

    [Fact]
    public async Task A_task_post_that_differs_only_by_defaults_is_the_same_body()
    {
        var client = await app.Client();
        var unit = Api.Id("task-defaults");
        await client.CreateUnit(unit);
        await (await client.Post(Api.Tasks(unit), TaskBody("t1"))).Expect(HttpStatusCode.Created);
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), TaskBody("t1", weight: 1, note: ""))).Expect(HttpStatusCode.OK);
        await (await client.Post(Api.Tasks(unit), TaskBody("t1", title: "  Study the new rules  "))).Expect(HttpStatusCode.OK);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("Another title", null, null)]
    [InlineData("Study the new rules", 2.0, null)]
    [InlineData("Study the new rules", null, "a note")]
    public async Task The_same_task_id_with_another_body_is_a_conflict_and_changes_nothing(string title, double? weight, string? note)
    {
        var client = await app.Client();
        var unit = Api.Id("task-conflict");
        await client.CreateUnit(unit);
        await (await client.Post(Api.Tasks(unit), TaskBody("t1"))).Expect(HttpStatusCode.Created);
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), TaskBody("t1", title, weight, note))).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_task_post_is_compared_with_what_is_stored_now()
    {
        var client = await app.Client();
        var unit = Api.Id("task-now");
        await client.CreateUnit(unit);
        await (await client.Post(Api.Tasks(unit), TaskBody("t1"))).Expect(HttpStatusCode.Created);

        // Progress is not part of the POST body, so reporting progress keeps the POST repeatable.
        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":50}""")).Expect(HttpStatusCode.OK);
        var repeated = await (await client.Post(Api.Tasks(unit), TaskBody("t1"))).Expect(HttpStatusCode.OK);
        Assert.Equal(50, repeated.GetProperty("progress").GetInt32());

        await (await client.Patch(Api.Task(unit, "t1"), """{"title":"Renamed"}""")).Expect(HttpStatusCode.OK);
        var before = await client.State(unit);
        await (await client.Post(Api.Tasks(unit), TaskBody("t1"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_created_task_answers_201_with_its_location_and_etag()
    {
        var client = await app.Client();
        var unit = Api.Id("located");
        await client.CreateUnit(unit);

        var response = await client.Post(Api.Tasks(unit), TaskBody("t1"));

        var task = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/units/{unit}/tasks/t1", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal(unit, task.GetProperty("unitId").GetString());
        Assert.Equal("notStarted", task.GetProperty("status").GetString());
        Assert.Equal(0, task.GetProperty("progress").GetInt32());
        Assert.Equal(1, task.GetProperty("weight").GetDouble());
        Assert.Equal("", task.GetProperty("note").GetString());
        Assert.Equal(task.GetRawText(), await client.Snapshot(response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task A_created_unit_answers_201_with_its_location()
    {
        var client = await app.Client();
        var id = Api.Id("unit-located");

        var response = await client.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name = "Located", kind = "office" }));

        await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/units/{id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_task_post_without_an_id_gets_a_fresh_valid_id_each_time()
    {
        var client = await app.Client();
        var unit = Api.Id("generated");
        await client.CreateUnit(unit);

        var first = await client.Post(Api.Tasks(unit), TaskBody());
        var second = await client.Post(Api.Tasks(unit), TaskBody());

        var firstId = (await first.Expect(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var secondId = (await second.Expect(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.Matches(IdPattern(), firstId);
        Assert.Matches(IdPattern(), secondId);
        Assert.NotEqual(firstId, secondId);
        Assert.Equal($"/api/v1/units/{unit}/tasks/{firstId}", first.Headers.Location?.OriginalString);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement[]>(Api.Tasks(unit)))!.Length);
    }

    [Fact]
    public async Task The_2001st_task_of_a_unit_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("full");
        await client.CreateUnit(unit);
        var drafts = Enumerable.Range(0, TaskRules.MaxTasksPerUnit).Select(i => new TaskDraft
        {
            Id = $"t{i}", Title = $"Task {i}", Track = Track.Party, Start = new(2026, 6, 1), Due = new(2026, 12, 31),
        }).ToList();
        var imported = await app.Grains.GetGrain<IUnitGrain>(unit).ImportTasks(drafts, "tester");
        Assert.True(imported.Succeeded, imported.Detail);
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), TaskBody("one-more"))).Problem(HttpStatusCode.Conflict);
        await (await client.Post(Api.Tasks(unit), TaskBody())).Problem(HttpStatusCode.Conflict);
        // Repeating a task that exists still answers 200: it adds nothing.
        await (await client.Post(Api.Tasks(unit), Api.Json(new { id = "t7", title = "Task 7", track = "party", start = "2026-06-01", due = "2026-12-31" })))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(before, await client.State(unit));
        Assert.Equal(TaskRules.MaxTasksPerUnit, (await client.GetFromJsonAsync<JsonElement[]>(Api.Tasks(unit)))!.Length);
    }
}
