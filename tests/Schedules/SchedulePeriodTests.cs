using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Directives;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Schedules;

/// <summary>
/// A new period brings its instances by itself (docs/domain.md "Schedules"): the clock moves
/// from 2026-06-15 into July; June's instances stay (the undone ones overdue), duties count July's,
/// and a branch that comes to match later gets the current instance only.
/// </summary>
public sealed class SchedulePeriodTests(SchedulePeriodTests.App app) : IClassFixture<SchedulePeriodTests.App>
{
    public sealed class App() : ApiApp(new() { ["Cascade:Directives:ScheduleCheck"] = "00:00:00.100" });

    private static async Task<JsonElement> Task(HttpClient client, string unit, string id) =>
        await (await client.GetAsync(Api.Task(unit, id))).Expect(HttpStatusCode.OK);

    private static async Task<JsonElement> Duties(HttpClient client, string unit) =>
        (await (await client.GetAsync($"/api/v1/units/{unit}/summary")).Expect(HttpStatusCode.OK)).GetProperty("duties");

    [Fact]
    public async Task The_month_turns_and_brings_the_new_instances_by_itself()
    {
        var client = await app.Client();
        var (committee, branches, _) = await DirectivesApiTests.Department(client, "turn");
        var id = Api.Id("zbwyh");
        const string Schedules = SchedulesApiTests.Schedules;
        await (await client.PostAsJsonAsync(Schedules, SchedulesApiTests.Body(id, committee, new { under = committee, kinds = new[] { "branch" } }, dueDay: 20)))
            .Expect(HttpStatusCode.Created);
        var instance = $"{id}-2026-06";
        await (await client.Patch(Api.Task(branches[0], instance), """{"status":"done","progress":100}""")).Expect(HttpStatusCode.OK);

        // The month turns: July's instances come by themselves; June's stay, the undone ones overdue.
        app.Clock.Advance(TimeSpan.FromDays(17));
        var july = $"{id}-2026-07";
        await Eventually.True(async () =>
        {
            foreach (var b in branches)
                if ((await client.GetAsync(Api.Task(b, july))).StatusCode != HttpStatusCode.OK) return false;
            return true;
        }, "July's instances exist in every branch");
        Assert.True((await Task(client, branches[1], instance)).GetProperty("overdue").GetBoolean());
        Assert.Equal("2026-07-20", (await Task(client, branches[1], july)).GetProperty("due").GetString());
        await Eventually.True(async () => (await Duties(client, committee)) is var d && d.GetProperty("due").GetInt32() == 3 && d.GetProperty("done").GetInt32() == 0,
            "duties count July's");
        var june = await (await client.GetAsync($"{Schedules}/{id}/instances?period=2026-06&state=overdue")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, june.GetProperty("instances").GetArrayLength());
        Assert.Equal("2026-07", (await (await client.GetAsync($"{Schedules}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("period").GetString());

        // A branch that comes to match later gets the current instance.
        var late = Api.Id("sch-late");
        await client.CreateUnit(late, committee, name: "新成立党支部");
        await Eventually.True(async () => (await client.GetAsync(Api.Task(late, july))).StatusCode == HttpStatusCode.OK, "the new branch gets July's instance");
        await (await client.GetAsync(Api.Task(late, instance))).Problem(HttpStatusCode.NotFound);
    }
}
