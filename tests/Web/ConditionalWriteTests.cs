using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Tests.Web;

/// <summary>docs/api.md: tasks carry <c>ETag: "&lt;version&gt;"</c> and writes honour <c>If-Match</c>.</summary>
public sealed class ConditionalWriteTests(ConditionalWriteTests.App app) : IClassFixture<ConditionalWriteTests.App>
{
    public sealed class App : ApiApp;

    /// <summary>A unit with task t1 at version 2 (created, then changed once).</summary>
    private async Task<(HttpClient Client, string Unit, string Url)> TaskAtVersion2()
    {
        var client = await app.Client();
        var unit = Api.Id("conditional");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var url = Api.Task(unit, "t1");
        var task = await (await client.Patch(url, """{"progress":10}""")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, task.GetProperty("version").GetInt64());
        return (client, unit, url);
    }

    private static string? ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    [Fact]
    public async Task The_etag_is_the_quoted_version_on_post_get_and_patch()
    {
        var client = await app.Client();
        var unit = Api.Id("etags");
        await client.CreateUnit(unit);

        var posted = await client.Post(Api.Tasks(unit), """{"id":"t1","title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31"}""");
        var postedTask = await posted.Expect(HttpStatusCode.Created);
        Assert.Equal($"\"{postedTask.GetProperty("version").GetInt64()}\"", ETag(posted));
        Assert.Equal("\"1\"", ETag(posted));

        var got = await client.GetAsync(Api.Task(unit, "t1"));
        Assert.Equal($"\"{(await got.Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64()}\"", ETag(got));

        var patched = await client.Patch(Api.Task(unit, "t1"), """{"progress":5}""");
        Assert.Equal($"\"{(await patched.Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64()}\"", ETag(patched));
        Assert.Equal("\"2\"", ETag(patched));
        Assert.False(patched.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task A_matching_if_match_applies_the_patch()
    {
        var (client, _, url) = await TaskAtVersion2();

        var response = await client.Patch(url, """{"progress":20}""", ifMatch: "\"2\"");

        Assert.Equal(20, (await response.Expect(HttpStatusCode.OK)).GetProperty("progress").GetInt32());
        Assert.Equal("\"3\"", ETag(response));
    }

    [Fact]
    public async Task An_if_match_star_applies_the_patch()
    {
        var (client, _, url) = await TaskAtVersion2();

        var response = await client.Patch(url, """{"progress":20}""", ifMatch: "*");

        Assert.Equal(20, (await response.Expect(HttpStatusCode.OK)).GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task An_if_match_list_that_names_the_current_version_applies_the_patch()
    {
        var (client, _, url) = await TaskAtVersion2();

        var response = await client.Patch(url, """{"progress":20}""", ifMatch: "\"1\", \"2\"");

        Assert.Equal(20, (await response.Expect(HttpStatusCode.OK)).GetProperty("progress").GetInt32());
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"3\"")]
    [InlineData("W/\"2\"")]
    [InlineData("W/\"1\"")]
    [InlineData("2")]
    [InlineData("\"\"")]
    [InlineData("\"1\", W/\"2\"")]
    public async Task A_stale_weak_or_foreign_if_match_is_412_and_changes_nothing(string ifMatch)
    {
        var (client, unit, url) = await TaskAtVersion2();
        var before = await client.State(unit);

        var response = await client.Patch(url, """{"progress":20}""", ifMatch: ifMatch);

        await response.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_412_names_the_current_etag()
    {
        var (client, _, url) = await TaskAtVersion2();

        var response = await client.Patch(url, """{"progress":20}""", ifMatch: "\"1\"");

        await response.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", ETag(response));
    }

    [Fact]
    public async Task An_if_match_on_a_missing_task_is_404()
    {
        var (client, unit, _) = await TaskAtVersion2();
        var before = await client.State(unit);

        await (await client.Patch(Api.Task(unit, "missing"), """{"progress":20}""", ifMatch: "*")).Problem(HttpStatusCode.NotFound);
        await (await client.Patch(Api.Task(unit, "missing"), """{"progress":20}""", ifMatch: "\"1\"")).Problem(HttpStatusCode.NotFound);
        await (await client.Delete(Api.Task(unit, "missing"), ifMatch: "*")).Problem(HttpStatusCode.NotFound);
        await (await client.Delete(Api.Task(unit, "missing"), ifMatch: "\"1\"")).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("W/\"2\"")]
    public async Task A_delete_with_a_stale_if_match_is_412_and_changes_nothing(string ifMatch)
    {
        var (client, unit, url) = await TaskAtVersion2();
        var before = await client.State(unit);

        var response = await client.Delete(url, ifMatch);

        await response.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", ETag(response));
        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("*")]
    public async Task A_delete_with_a_matching_if_match_removes_the_task(string ifMatch)
    {
        var (client, _, url) = await TaskAtVersion2();

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete(url, ifMatch)).StatusCode);

        await (await client.GetAsync(url)).Problem(HttpStatusCode.NotFound);
        await (await client.Delete(url)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_no_op_patch_with_a_stale_if_match_is_still_412()
    {
        var (client, unit, url) = await TaskAtVersion2();
        var before = await client.State(unit);

        await (await client.Patch(url, """{"progress":10}""", ifMatch: "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Two_writers_with_the_same_if_match_only_one_wins()
    {
        var (client, _, url) = await TaskAtVersion2();

        var first = await client.Patch(url, """{"progress":30}""", ifMatch: "\"2\"");
        var second = await client.Patch(url, """{"progress":60}""", ifMatch: "\"2\"");

        await first.Expect(HttpStatusCode.OK);
        await second.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(30, (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("progress").GetInt32());
    }
}
