using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Directives;

/// <summary>
/// Above <c>Cascade:Directives:SyncTargets</c> the work goes on after the answer: create and
/// delete answer 202, a change answers at once and reaches the copies moments later; and walls
/// watching the issuer get the directive in their snapshot and a <c>directives</c> message when
/// a copy is reported.
/// </summary>
public sealed class DirectiveBackgroundTests(DirectiveBackgroundTests.App app) : IClassFixture<DirectiveBackgroundTests.App>
{
    public sealed class App() : ApiApp(new() { ["Cascade:Directives:SyncTargets"] = "1" });

    private const string Directives = DirectivesApiTests.Directives;

    [Fact]
    public async Task Create_change_and_delete_above_the_sync_limit_finish_in_the_background()
    {
        var client = await app.Client();
        var (committee, branches, _) = await DirectivesApiTests.Department(client, "bg");
        var id = Api.Id("bg");
        var accepted = await client.PostAsJsonAsync(Directives, DirectivesApiTests.Body(id, committee, new { unitIds = branches }));
        var body = await accepted.Expect(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/directives/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Equal(3, body.GetProperty("targetCount").GetInt32());
        await Eventually.True(async () => (await Get(client, id)).GetProperty("state").GetString() == "deployed", "deployed", TimeSpan.FromSeconds(10));
        Assert.Equal(3, (await Get(client, id)).GetProperty("rollup").GetProperty("targets").GetInt32());

        await (await client.Patch($"{Directives}/{id}", """{"due":"2027-03-31"}""")).Expect(HttpStatusCode.OK);
        await Eventually.True(async () =>
        {
            foreach (var b in branches)
                if ((await (await client.GetAsync(Api.Task(b, id))).Expect(HttpStatusCode.OK)).GetProperty("due").GetString() != "2027-03-31") return false;
            return true;
        }, "every copy follows the change", TimeSpan.FromSeconds(10));

        var deleted = await client.Delete($"{Directives}/{id}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await Eventually.True(async () => (await client.GetAsync($"{Directives}/{id}")).StatusCode == HttpStatusCode.NotFound
            && (await Task.WhenAll(branches.Select(b => client.GetAsync(Api.Task(b, id))))).All(r => r.StatusCode == HttpStatusCode.NotFound),
            "the directive and its copies are gone", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wall_watching_the_issuer_gets_its_directives_and_their_changes()
    {
        var client = await app.Client();
        var (committee, branches, _) = await DirectivesApiTests.Department(client, "wall");
        var id = Api.Id("wall");
        await (await client.PostAsJsonAsync(Directives, DirectivesApiTests.Body(id, committee, new { unitIds = branches }))).Expect(HttpStatusCode.Accepted);
        await Eventually.True(async () => (await Get(client, id)).GetProperty("state").GetString() == "deployed", "deployed", TimeSpan.FromSeconds(10));

        await using var wall = await WallClient.ConnectAsync(app);
        var snapshot = await wall.Watch(committee, 1);
        var row = Assert.Single(snapshot.GetProperty("directives").EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.Equal(3, row.GetProperty("targetCount").GetInt32());
        Assert.Equal(0, row.GetProperty("doneUnits").GetInt32());
        Assert.Empty((await wall.Watch(ApiApp.Root, 1)).GetProperty("directives").EnumerateArray());
        await wall.Watch(committee, 1);

        await (await client.Patch(Api.Task(branches[1], id), """{"status":"done"}""")).Expect(HttpStatusCode.OK);
        await Eventually.True(() => Task.FromResult(wall.Received.Any(r => r.Method == "directives"
            && r.Payload.EnumerateArray().Any(d => d.GetProperty("id").GetString() == id && d.GetProperty("doneUnits").GetInt32() == 1))),
            "a directives message with the done copy", TimeSpan.FromSeconds(10));
    }

    private static async Task<JsonElement> Get(HttpClient client, string id) =>
        await (await client.GetAsync($"{Directives}/{id}")).Expect(HttpStatusCode.OK);
}
