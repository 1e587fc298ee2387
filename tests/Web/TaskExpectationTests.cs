using System.Net;
using System.Net.Http.Json;

namespace Cascade.Tests.Web;

/// <summary><c>expectation</c> over HTTP: linear by default, atDue when asked, changed by a patch; anything else is 400 under its name and changes nothing.</summary>
public sealed class TaskExpectationTests(TaskExpectationTests.App app) : IClassFixture<TaskExpectationTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task A_task_is_linear_unless_expected_at_its_due_date()
    {
        var client = await app.Client();
        var unit = Api.Id("duty");
        await client.CreateUnit(unit);
        var plain = await client.CreateTask(unit, "plain");
        Assert.Equal("linear", plain.GetProperty("expectation").GetString());
        var duty = await (await client.PostAsJsonAsync(Api.Tasks(unit), new { id = "zbwyh", title = "支部委员会", track = "party", start = "2026-06-01", due = "2026-06-30", expectation = "atDue" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("atDue", duty.GetProperty("expectation").GetString());
        var before = await client.State(unit);
        await (await client.Post(Api.Tasks(unit), """{"id":"x","title":"t","track":"party","start":"2026-06-01","due":"2026-06-30","expectation":"soon"}""")).Invalid("expectation");
        await (await client.Patch(Api.Task(unit, "zbwyh"), """{"expectation":1}""")).Invalid("expectation");
        Assert.Equal(before, await client.State(unit));
        var patched = await (await client.Patch(Api.Task(unit, "zbwyh"), """{"expectation":"linear"}""")).Expect(HttpStatusCode.OK);
        Assert.Equal("linear", patched.GetProperty("expectation").GetString());
        Assert.Equal(2, patched.GetProperty("version").GetInt64());
    }
}
