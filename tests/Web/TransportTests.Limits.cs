using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Cascade.Tests.Web;

/// <summary>docs/api.md "Conventions": the content types a body may have (415) and its size (413).</summary>
public sealed partial class TransportTests
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/merge-patch+json")]
    public async Task A_post_in_another_content_type_is_refused_with_415_and_changes_nothing(string contentType)
    {
        var client = await app.Client();
        var unit = Api.Id("wrong-type-post");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), GoodTask, contentType)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Post(Api.Units, """{"id":"typed","parentId":"root","name":"Typed","kind":"branch"}""", contentType))
            .Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_patch_in_another_content_type_is_refused_with_415_and_changes_nothing(string contentType)
    {
        var client = await app.Client();
        var unit = Api.Id("wrong-type-patch");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":40}""", contentType)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch($"{Api.Units}/{unit}", """{"name":"Renamed"}""", contentType)).Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_refused_with_415_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("no-type");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), GoodTask, contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":40}""", contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Post(Api.Units, """{"id":"untyped","parentId":"root","name":"Untyped","kind":"branch"}""", contentType: null))
            .Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch($"{Api.Units}/{unit}", """{"name":"Renamed"}""", contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_json_content_type_with_a_charset_is_accepted()
    {
        var client = await app.Client();
        var unit = Api.Id("charset");
        await client.CreateUnit(unit);

        var response = await client.Post(Api.Tasks(unit), GoodTask, "application/json; charset=utf-8");

        await response.Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_merge_patch_content_type_is_accepted_for_patches()
    {
        var client = await app.Client();
        var unit = Api.Id("merge-patch");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");

        var task = await (await client.Patch(Api.Task(unit, "t1"), """{"progress":40}""", "application/merge-patch+json"))
            .Expect(HttpStatusCode.OK);
        var renamed = await (await client.Patch($"{Api.Units}/{unit}", """{"name":"Merged"}""", "application/merge-patch+json"))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(40, task.GetProperty("progress").GetInt32());
        Assert.Equal("Merged", renamed.GetProperty("name").GetString());
    }

    /// <summary>A valid JSON object a little over 64 KiB: the size alone is wrong.</summary>
    private static string Oversized() =>
        $$"""{"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31","padding":"{{new string('x', 64 * 1024)}}"}""";

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("too-large");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch(Api.Task(unit, "t1"), Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch($"{Api.Units}/{unit}", Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Post(Api.Units, Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_without_a_length_is_refused_with_413_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("too-large-chunked");
        await client.CreateUnit(unit);
        var before = await client.State(unit);
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(Oversized())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync(Api.Tasks(unit), content);

        Assert.Null(content.Headers.ContentLength);
        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_read()
    {
        var client = await app.Client();
        var unit = Api.Id("at-limit");
        await client.CreateUnit(unit);
        var start = """{"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31","padding":" """.TrimEnd();
        var body = start + new string('x', 64 * 1024 - start.Length - 2) + "\"}";
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(body));

        var response = await client.Post(Api.Tasks(unit), body);

        await response.Expect(HttpStatusCode.Created);
    }

    /// <summary>Hides the length so the client must send the body chunked.</summary>
    [Theory]
    [InlineData("PUT", "/api/v1/units/root", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/v1/nowhere", HttpStatusCode.NotFound)]
    public async Task Answers_from_the_framework_are_problem_details_with_a_detail(string method, string url, HttpStatusCode status)
    {
        var client = await app.Client();
        await (await client.Send(new HttpMethod(method), url, null)).Problem(status);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
