using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Tests.Web;

/// <summary>
/// The task fields <c>tags</c> and <c>doneAt</c> (docs/domain.md "Tasks"): every bad label is a
/// 400 under <c>errors.tags</c> that changes nothing, a patch replaces the whole list, the list
/// filters by <c>?tag=</c>, and doneAt follows the status.
/// </summary>
public sealed class TaskFieldsTests(TaskFieldsTests.App app) : IClassFixture<TaskFieldsTests.App>
{
    public sealed class App : ApiApp;

    private static string[] Tags(JsonElement task) => [.. task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];

    private async Task<(HttpClient Client, string Unit)> Unit()
    {
        var client = await app.Client();
        var unit = Api.Id("tags");
        await client.CreateUnit(unit);
        return (client, unit);
    }

    private static object Body(string id, object tags) =>
        new { id, title = "四强支部建设", track = "party", start = "2026-06-01", due = "2026-12-31", tags };

    public static TheoryData<string> BadTags => new()
    {
        """["四强", "四强"]""",
        """["四强", " 四强 "]""",
        """["一二三四五六七八九十一二三四五六七八九十一"]""",
        """["   "]""",
        """[""]""",
        """["a","b","c","d","e","f","g","h","i","j","k"]""",
        "\"四强\"",
        """[1]""",
        """[null]""",
        """["a\u0007b"]""",
    };

    [Theory]
    [MemberData(nameof(BadTags))]
    public async Task A_bad_tag_list_is_400_under_tags_on_create_and_patch_and_changes_nothing(string tags)
    {
        var (client, unit) = await Unit();
        await (await client.PostAsJsonAsync(Api.Tasks(unit), Body("ok", new[] { "效能目标考核" }))).Expect(HttpStatusCode.Created);
        var before = await client.State(unit);

        var create = $$"""{"id":"bad","title":"t","track":"party","start":"2026-06-01","due":"2026-12-31","tags":{{tags}}}""";
        var problem = await (await client.Post(Api.Tasks(unit), create)).Invalid("tags");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        await (await client.Patch(Api.Task(unit, "ok"), $$"""{"title":"新标题","tags":{{tags}}}""")).Invalid("tags");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Tags_are_trimmed_kept_in_order_replaced_whole_by_a_patch_and_cleared_by_an_empty_list()
    {
        var (client, unit) = await Unit();
        var created = await (await client.PostAsJsonAsync(Api.Tasks(unit), Body("t1", new[] { " 四强 ", "锐科技·心服务", "一二三四五六七八九十一二三四五六七八九十" })))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(["四强", "锐科技·心服务", "一二三四五六七八九十一二三四五六七八九十"], Tags(created));

        var replaced = await (await client.Patch(Api.Task(unit, "t1"), Api.Json(new { tags = new[] { "效能目标考核" } }))).Expect(HttpStatusCode.OK);
        Assert.Equal(["效能目标考核"], Tags(replaced));
        Assert.Equal(2, replaced.GetProperty("version").GetInt64());

        var same = await (await client.Patch(Api.Task(unit, "t1"), Api.Json(new { tags = new[] { "效能目标考核 " } }))).Expect(HttpStatusCode.OK);
        Assert.Equal(2, same.GetProperty("version").GetInt64());

        var kept = await (await client.Patch(Api.Task(unit, "t1"), Api.Json(new { title = "改名" }))).Expect(HttpStatusCode.OK);
        Assert.Equal(["效能目标考核"], Tags(kept));

        var cleared = await (await client.Patch(Api.Task(unit, "t1"), Api.Json(new { tags = Array.Empty<string>() }))).Expect(HttpStatusCode.OK);
        Assert.Empty(Tags(cleared));
        var untagged = await (await client.PostAsJsonAsync(Api.Tasks(unit), new { id = "t2", title = "x", track = "business", start = "2026-06-01", due = "2026-12-31" }))
            .Expect(HttpStatusCode.Created);
        Assert.Empty(Tags(untagged));
    }

    [Fact]
    public async Task The_tag_filter_lists_only_the_units_tasks_carrying_that_label()
    {
        var (client, unit) = await Unit();
        await (await client.PostAsJsonAsync(Api.Tasks(unit), Body("a", new[] { "四强", "效能目标考核" }))).Expect(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync(Api.Tasks(unit), Body("b", new[] { "四强" }))).Expect(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync(Api.Tasks(unit), Body("c", Array.Empty<string>()))).Expect(HttpStatusCode.Created);

        async Task<string[]> Ids(string query) =>
            [.. (await client.GetFromJsonAsync<JsonElement[]>(Api.Tasks(unit) + query))!.Select(t => t.GetProperty("id").GetString()!).Order()];

        Assert.Equal(["a", "b"], await Ids("?tag=" + Uri.EscapeDataString("四强")));
        Assert.Equal(["a"], await Ids("?tag=" + Uri.EscapeDataString(" 效能目标考核 ")));
        Assert.Empty(await Ids("?tag=" + Uri.EscapeDataString("四")));
        Assert.Equal(["a", "b", "c"], await Ids(""));
    }

    [Fact]
    public async Task DoneAt_is_set_when_the_task_becomes_done_kept_while_done_and_cleared_on_reopening()
    {
        var (client, unit) = await Unit();
        var url = Api.Task(unit, "d");
        var created = await (await client.PostAsJsonAsync(Api.Tasks(unit), Body("d", Array.Empty<string>()))).Expect(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("doneAt").ValueKind);

        var done = await (await client.Patch(url, Api.Json(new { status = "done" }))).Expect(HttpStatusCode.OK);
        var doneAt = done.GetProperty("doneAt").GetDateTimeOffset();
        Assert.Equal(done.GetProperty("updatedAt").GetDateTimeOffset(), doneAt);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var noted = await (await client.Patch(url, Api.Json(new { note = "已完成" }))).Expect(HttpStatusCode.OK);
        Assert.Equal(doneAt, noted.GetProperty("doneAt").GetDateTimeOffset());
        Assert.NotEqual(doneAt, noted.GetProperty("updatedAt").GetDateTimeOffset());

        await (await client.Patch(url, Api.Json(new { doneAt = "2020-01-01T00:00:00Z", title = "x" }))).Expect(HttpStatusCode.OK);
        Assert.Equal(doneAt, (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("doneAt").GetDateTimeOffset());

        var reopened = await (await client.Patch(url, Api.Json(new { progress = 60 }))).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("doneAt").ValueKind);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await (await client.Patch(url, Api.Json(new { progress = 100 }))).Expect(HttpStatusCode.OK);
        Assert.True(again.GetProperty("doneAt").GetDateTimeOffset() > doneAt, "doneAt is when the status last became done");
    }
}
