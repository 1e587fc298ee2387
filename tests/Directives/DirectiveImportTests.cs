using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Excel;
using Cascade.Tests.Web;

namespace Cascade.Tests.Directives;

/// <summary>
/// A sheet reaches a copy under the same rules as the API: a row changing a copy's owned field is
/// a row error that applies nothing; a row reporting its progress applies.
/// </summary>
public sealed class DirectiveImportTests(DirectiveImportTests.App app) : IClassFixture<DirectiveImportTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task A_row_changing_a_copys_owned_field_is_refused_and_its_progress_applies()
    {
        var client = await app.Client();
        var (committee, branches, _) = await DirectivesApiTests.Department(client, "imp");
        var id = Api.Id("imp");
        await (await client.PostAsJsonAsync(DirectivesApiTests.Directives, DirectivesApiTests.Body(id, committee, new { unitIds = branches })))
            .Expect(HttpStatusCode.Created);
        var copy = await (await client.GetAsync(Api.Task(branches[0], id))).Expect(HttpStatusCode.OK);
        var version = copy.GetProperty("version").GetInt64();

        Dictionary<string, object?> Row(string title, int progress) => new()
        {
            ["单位编号"] = branches[0], ["任务编号"] = id, ["任务名称"] = title, ["类别"] = "", ["权重"] = "", ["开始"] = "", ["截止"] = "",
            ["状态"] = "", ["进度"] = progress, ["备注"] = "", ["标签"] = "", ["期望"] = "", ["版本"] = version,
        };
        var refused = await (await client.Import(ImportBooks.Of([Row("改了标题", 40)]), dryRun: false)).Expect(HttpStatusCode.BadRequest);
        Assert.Single(refused.GetProperty("errors").EnumerateArray());
        Assert.Equal(version, (await (await client.GetAsync(Api.Task(branches[0], id))).Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64());

        await (await client.Import(ImportBooks.Of([Row("主题教育专题学习", 40)]), dryRun: false)).Expect(HttpStatusCode.OK);
        var reported = await (await client.GetAsync(Api.Task(branches[0], id))).Expect(HttpStatusCode.OK);
        Assert.Equal(40, reported.GetProperty("progress").GetInt32());
        Assert.Equal(id, reported.GetProperty("directiveId").GetString());
    }
}
