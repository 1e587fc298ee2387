using System.Net;
using System.Net.Http.Json;

namespace Cascade.Tests.Web;

/// <summary>
/// Text people read (unit names, task titles, display names, kiosk names) holds no control
/// characters, no direction overrides and something visible; media types compare without case;
/// too long a URL is a 414 problem.
/// </summary>
public sealed class InputHygieneTests(InputHygieneTests.App app) : IClassFixture<InputHygieneTests.App>
{
    public sealed class App : ApiApp;

    public static TheoryData<string> BadText => new()
    {
        "\u200B", "\u200B\u200C\uFEFF", "\u3164", "甲\u202E乙", "甲\u2066乙\u2069", "甲\u202A", "一\n二", "tab\there", "bell\u0007", "a\u0085b",
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Names_and_titles_refuse_invisible_control_and_direction_changing_text_and_change_nothing(string text)
    {
        var client = await app.Client();
        var unit = Api.Id("hygiene");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Units, Api.Json(new { id = Api.Id("u"), parentId = unit, name = text, kind = "branch" }))).Invalid("name");
        await (await client.Patch($"{Api.Units}/{unit}", Api.Json(new { name = text }))).Invalid("name");
        await (await client.Post(Api.Tasks(unit), Api.Json(new { title = text, track = "party", start = "2026-01-01", due = "2026-12-31" }))).Invalid("title");
        await (await client.Patch(Api.Task(unit, "t1"), Api.Json(new { title = text }))).Invalid("title");
        await (await client.Post("/api/v1/users", Api.Json(new { username = Api.Id("u"), password = "a-long-password", displayName = text, role = "viewer" }))).Invalid("displayName");
        await (await client.Post("/api/v1/kiosks", Api.Json(new { name = text, unitId = unit, depth = 1 }))).Invalid("name");
        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("党建\u200D引领")] // a joiner inside visible text is part of writing, not hiding
    [InlineData("锐科技·心服务")]
    [InlineData("عربي")]
    public async Task Ordinary_text_of_any_script_is_accepted(string name)
    {
        var client = await app.Client();
        var created = await (await client.Post(Api.Units, Api.Json(new { id = Api.Id("ok"), parentId = ApiApp.Root, name, kind = "branch" }))).Expect(HttpStatusCode.Created);
        Assert.Equal(name, created.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Application/JSON")]
    [InlineData("APPLICATION/json; charset=UTF-8")]
    public async Task Media_types_compare_without_case(string contentType)
    {
        var client = await app.Client();
        var answer = await client.Post(Api.Units, Api.Json(new { id = Api.Id("media"), parentId = ApiApp.Root, name = "支部", kind = "branch" }), contentType);
        await answer.Expect(HttpStatusCode.Created);
        var unit = Api.Id("merge");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":5}""", "Application/Merge-Patch+JSON")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_url_over_8_kib_is_a_414_problem()
    {
        var client = await app.Client();
        var answer = await client.GetAsync($"{Api.Units}?x={new string('a', 9000)}");
        await answer.Problem(HttpStatusCode.RequestUriTooLong);
        await (await client.GetAsync($"{Api.Units}?x={new string('a', 7000)}")).Expect(HttpStatusCode.OK);
    }
}
