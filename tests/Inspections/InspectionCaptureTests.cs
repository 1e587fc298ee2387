using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Inspections;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Inspections;

/// <summary>
/// Issue 19's "done when" for inspections: captured while 16 writers change tasks, every frozen
/// summary equals a recomputation from the frozen tasks as of takenAt; nothing written later changes
/// the inspection; and a comparison with the live state, or with a later inspection, is the two sides' difference.
/// </summary>
public sealed class InspectionCaptureTests(InspectionCaptureTests.App app) : IClassFixture<InspectionCaptureTests.App>
{
    public sealed class App() : ApiApp(new() { ["Cascade:ClockInterval"] = "00:00:00.2" });

    private const int Writers = 16;

    /// <summary>A committee, three general branches and four branches under each (16 units), seven tasks each, and a unit outside.</summary>
    private static async Task<(string Committee, List<string> Units)> Department(HttpClient client)
    {
        var committee = Api.Id("jgdw");
        await client.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        var units = new List<string> { committee };
        for (var g = 0; g < 3; g++)
        {
            var general = Api.Id("zz");
            await client.CreateUnit(general, committee, kind: "generalBranch", name: $"第{g + 1}党总支");
            units.Add(general);
            for (var b = 0; b < 4; b++)
            {
                var branch = Api.Id("zb");
                await client.CreateUnit(branch, general, name: $"第{g + 1}-{b + 1}党支部");
                units.Add(branch);
            }
        }
        await client.CreateUnit(Api.Id("outside"), name: "不在范围内");
        var random = new Random(19);
        foreach (var unit in units)
            for (var t = 0; t < 7; t++) // the writers change t0 to t5; t6 is left alone, to turn stale
            {
                var (start, due) = (t % 3) switch { 0 => ("2026-01-01", "2026-03-31"), 1 => ("2026-04-01", "2026-09-30"), _ => ("2026-06-01", "2026-12-31") };
                var body = new { id = $"t{t}", title = $"任务{t}：主题党日和业务工作", track = t % 2 == 0 ? "party" : "business", weight = 1 + random.Next(3), start, due, progress = random.Next(0, 90), status = t == 4 ? "blocked" : "inProgress" };
                await (await client.PostAsJsonAsync(Api.Tasks(unit), body)).Expect(HttpStatusCode.Created);
            }
        return (committee, units);
    }

    /// <summary>Writers changing random tasks until <paramref name="stop"/> (or until <paramref name="writes"/> succeeded); answers how many did.</summary>
    private static async Task<int> Write(HttpClient client, List<string> units, Func<int, bool> stop, int seed)
    {
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            var random = new Random(seed * 100 + w);
            while (!stop(Volatile.Read(ref done)))
            {
                var progress = random.Next(0, 101);
                object body = random.Next(4) switch { 0 => new { status = "blocked", progress = Math.Min(progress, 99) }, 1 => new { status = "done" }, _ => new { progress } };
                var answer = await client.PatchAsJsonAsync(Api.Task(units[random.Next(units.Count)], $"t{random.Next(6)}"), body);
                if (answer.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref done);
            }
        }));
        return done;
    }

    private async Task<string> Everything(HttpClient client, string id, List<string> units)
    {
        var parts = new List<string> { await client.Snapshot($"{Inspect.Route}/{id}"), await client.Snapshot($"{Inspect.Route}/{id}/tree?depth=10") };
        foreach (var unit in units)
        {
            parts.Add(await client.Snapshot($"{Inspect.Route}/{id}/units/{unit}/tasks"));
            parts.Add(await client.Snapshot($"{Inspect.Route}/{id}/units/{unit}/alerts"));
        }
        return string.Join("\n", parts);
    }

    [Fact]
    public async Task A_capture_under_16_writers_adds_up_as_of_takenAt_never_changes_and_compares_with_now()
    {
        var client = await app.Client();
        var (committee, units) = await Department(client);
        app.Clock.Advance(TimeSpan.FromDays(31)); // untouched tasks turn stale, the first quarter's overdue
        var id = Api.Id("dc");
        var capturing = true;
        var during = Write(client, units, _ => !Volatile.Read(ref capturing), 1);
        // The clock moves too (a minute every few milliseconds): figures as of any other instant than takenAt differ.
        var ticking = Task.Run(async () =>
        {
            while (Volatile.Read(ref capturing))
            {
                app.Clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(5);
            }
        });
        await Task.Delay(300); // the writers are under way
        var header = await Inspect.Capture(client, id, committee);
        capturing = false;
        Assert.True(await during > 0);
        await ticking;

        var takenAt = header.GetProperty("takenAt").GetDateTimeOffset();
        Assert.True(header.GetProperty("capturedAt").GetDateTimeOffset() >= takenAt);
        Assert.Equal(units.Count, header.GetProperty("units").GetInt32());

        // Every frozen summary is a recomputation from the frozen tasks as of takenAt.
        var reader = Inspect.Reader(app);
        var rows = await reader.Subtree(id, committee, 10);
        Assert.Equal(units.Order(), rows.Select(r => r.UnitId).Order());
        var work = new Dictionary<string, UnitSnapshot>();
        foreach (var row in rows) work[row.UnitId] = (await reader.Work(id, row.UnitId))!;
        var parents = rows.ToDictionary(r => r.UnitId, r => r.UnitId == committee ? null : r.ParentId);
        var expected = ReferenceRollup.Compute(parents, work.ToDictionary(w => w.Key, w => w.Value.Tasks.ToList()), takenAt, TimeSpan.FromDays(30));
        var below = rows.ToDictionary(r => r.UnitId, r => rows.Where(x => x.Order >= r.Order && x.Order <= r.Last).Select(x => x.UnitId).ToList());
        var differences = new List<string>();
        foreach (var row in rows)
        {
            var summary = row.SummaryAt(takenAt);
            differences.AddRange(ReferenceRollup.Differences(expected[row.UnitId], summary));
            if (summary.OpenAlerts != below[row.UnitId].Sum(u => work[u].OpenAlerts.Length)) differences.Add($"{row.UnitId}.openAlerts");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Contains(rows, r => r.SummaryAt(takenAt).All.Stale > 0);
        Assert.Contains(rows, r => r.SummaryAt(takenAt).All.Overdue > 0);

        // The API answers the same frozen figures.
        var tree = await (await client.GetAsync($"{Inspect.Route}/{id}/tree?depth=10")).Expect(HttpStatusCode.OK);
        var nodes = 0;
        void Check(JsonElement node)
        {
            nodes++;
            var row = rows.Single(r => r.UnitId == node.GetProperty("id").GetString());
            var all = node.GetProperty("summary").GetProperty("all");
            Assert.Equal(row.Totals.All.Count, all.GetProperty("count").GetInt32());
            Assert.Equal(row.Totals.All.Progress, all.GetProperty("progress").GetDouble());
            Assert.Equal(row.Totals.All.Expected, all.GetProperty("expected").GetDouble());
            foreach (var child in node.GetProperty("children").EnumerateArray()) Check(child);
        }
        Check(tree);
        Assert.Equal(units.Count, nodes);

        // Nothing later changes it: 1,000 more writes and a day on the clock.
        var before = await Everything(client, id, units);
        Assert.True(await Write(client, units, n => n >= 1000, 2) >= 1000);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(before, await Everything(client, id, units));

        // Compared with now: the frozen side, the live side as the units answer once the roll-up settled, and their difference.
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        await Eventually.True(async () => await Settled(grains, units), "the live roll-up settled", TimeSpan.FromSeconds(60));
        var compared = await (await client.GetAsync($"{Inspect.Route}/compare?from={id}&to=now&depth=10")).Expect(HttpStatusCode.OK);
        Assert.Equal("now", compared.GetProperty("to").GetString());
        var live = new Dictionary<string, Summary>();
        foreach (var unit in units) live[unit] = (await grains.GetGrain<IUnitGrain>(unit).GetSummary())!;
        CheckComparison(compared, rows.ToDictionary(r => r.UnitId, r => r.SummaryAt(takenAt)), live, units.Count);

        // And with a later inspection of the same scope.
        var later = Api.Id("dc");
        var laterHeader = await Inspect.Capture(client, later, committee);
        var laterRows = await reader.Subtree(later, committee, 10);
        var laterAt = laterHeader.GetProperty("takenAt").GetDateTimeOffset();
        var between = await (await client.GetAsync($"{Inspect.Route}/compare?from={id}&to={later}&depth=10")).Expect(HttpStatusCode.OK);
        CheckComparison(between, rows.ToDictionary(r => r.UnitId, r => r.SummaryAt(takenAt)), laterRows.ToDictionary(r => r.UnitId, r => r.SummaryAt(laterAt)), units.Count);
    }

    /// <summary>Every live summary equals a recomputation from the live tasks now.</summary>
    private async Task<bool> Settled(IGrainFactory grains, List<string> units)
    {
        var tasks = new Dictionary<string, List<TaskItem>>();
        var parents = new Dictionary<string, string?>();
        foreach (var unit in units)
        {
            tasks[unit] = [.. (await grains.GetGrain<IUnitGrain>(unit).GetTasks())!];
            parents[unit] = unit == units[0] ? null : (await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetUnit(unit))!.ParentId;
        }
        var expected = ReferenceRollup.Compute(parents, tasks, app.Clock.GetUtcNow(), TimeSpan.FromDays(30));
        foreach (var unit in units)
            if (ReferenceRollup.Differences(expected[unit], (await grains.GetGrain<IUnitGrain>(unit).GetSummary())!).Count > 0) return false;
        return true;
    }

    private static void CheckComparison(JsonElement compared, Dictionary<string, Summary> from, Dictionary<string, Summary> to, int count)
    {
        var rows = compared.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(count, rows.Count);
        foreach (var row in rows)
        {
            var unit = row.GetProperty("unitId").GetString()!;
            var (a, b) = (from[unit], to[unit]);
            Figures(row.GetProperty("from"), a);
            Figures(row.GetProperty("to"), b);
            var delta = row.GetProperty("delta");
            Near(b.All.Progress - a.All.Progress, delta, "progress");
            Near(b.All.Expected - a.All.Expected, delta, "expected");
            Near(b.Lag - a.Lag, delta, "lag");
            Assert.Equal(b.All.Count - a.All.Count, delta.GetProperty("count").GetInt32());
            Assert.Equal(b.All.Done - a.All.Done, delta.GetProperty("done").GetInt32());
            Assert.Equal(b.All.Overdue - a.All.Overdue, delta.GetProperty("overdue").GetInt32());
            Assert.Equal(b.All.Blocked - a.All.Blocked, delta.GetProperty("blocked").GetInt32());
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(a.Health.ToString()), row.GetProperty("healthFrom").GetString());
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(b.Health.ToString()), row.GetProperty("healthTo").GetString());
        }
    }

    private static void Figures(JsonElement side, Summary s)
    {
        Near(s.All.Progress, side, "progress");
        Near(s.All.Expected, side, "expected");
        Near(s.Lag, side, "lag");
        Assert.Equal(s.All.Count, side.GetProperty("count").GetInt32());
        Assert.Equal(s.All.Done, side.GetProperty("done").GetInt32());
        Assert.Equal(s.All.Overdue, side.GetProperty("overdue").GetInt32());
        Assert.Equal(s.All.Blocked, side.GetProperty("blocked").GetInt32());
    }

    private static void Near(double? want, JsonElement holder, string name)
    {
        var got = holder.GetProperty(name);
        if (want is null) Assert.Equal(JsonValueKind.Null, got.ValueKind);
        else Assert.True(Math.Abs(want.Value - got.GetDouble()) <= 1e-12, $"{name}: want {want}, got {got}");
    }
}
