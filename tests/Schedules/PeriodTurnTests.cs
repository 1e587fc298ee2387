using System.Collections.Concurrent;
using Cascade.Directives;
using Cascade.Schedules;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Tests.Schedules;

/// <summary>
/// A period change is one write per unit (docs/architecture.md "Schedules"): at the turn of a
/// quarter three monthly and two quarterly schedules turn together, and every branch stores its
/// five new instances, the overdue flip of its undone old ones and their alerts in one state write.
/// </summary>
public sealed class PeriodTurnTests(PeriodTurnTests.Cluster cluster) : IClassFixture<PeriodTurnTests.Cluster>
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly (string Id, Cadence Every)[] Schedules =
        [("zbwyh", Cadence.Month), ("dxzh", Cadence.Month), ("ztdr", Cadence.Month), ("dydh", Cadence.Quarter), ("dk", Cadence.Quarter)];

    /// <summary>A one-node cluster whose storage counts unit writes while asked to; schedules checked every 100 ms.</summary>
    public sealed class Cluster : GrainCluster
    {
        /// <summary>The units' clock passes come often: one before the new instances would store the overdue flip alone.</summary>
        public Cluster() => ClockInterval = TimeSpan.FromMilliseconds(50);

        public ConcurrentDictionary<string, int> UnitWrites { get; } = new(StringComparer.Ordinal);
        public volatile bool Counting;

        protected override void ConfigureStorage(IServiceCollection services)
        {
            services.Configure<DirectiveOptions>(o => o.ScheduleCheck = TimeSpan.FromMilliseconds(100));
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, _) => new CountingWrites(
                new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()), this));
        }
    }

    private sealed class CountingWrites(IGrainStorage stored, Cluster cluster) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => stored.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (cluster.Counting && stateName == "unit") cluster.UnitWrites.AddOrUpdate(grainId.Key.ToString()!, 1, (_, n) => n + 1);
            return stored.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => stored.ClearStateAsync(stateName, grainId, grainState);
    }

    [Fact]
    public async Task Every_branch_writes_once_for_its_new_instances_and_the_overdue_flip_of_the_old()
    {
        var branches = Enumerable.Range(1, 30).Select(i => $"pt-b{i:D2}").ToArray();
        Assert.True((await cluster.Organization.CreateUnit(new UnitDraft("pt-r", null, "党组", UnitKind.PartyGroup), "tester")).Succeeded);
        Assert.True((await cluster.Organization.CreateUnit(new UnitDraft("pt-c", "pt-r", "机关党委", UnitKind.OrganCommittee), "tester")).Succeeded);
        foreach (var b in branches) Assert.True((await cluster.Organization.CreateUnit(new UnitDraft(b, "pt-c", $"{b}党支部", UnitKind.Branch), "tester")).Succeeded);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cluster.Clock.GetUtcNow(), Zone).DateTime);
        foreach (var (id, every) in Schedules)
        {
            var recurrence = new Recurrence { Every = every, DueDay = 0, From = Period.Of(every, today).Name, Under = "pt-c", Kinds = [UnitKind.Branch] };
            var draft = new DirectiveDraft(id, "pt-c", id, Track.Party, 1, default, default, "", null, Expectation.AtDue, recurrence);
            Assert.True((await cluster.Grains.GetGrain<IDirectiveGrain>(id).Create(draft, branches, "tester", null, 500)).Succeeded);
        }
        // The first branch did June's and Q2's duties; the others did not.
        foreach (var (id, every) in Schedules)
        {
            var done = await cluster.Unit(branches[0]).PatchTask($"{id}-{Period.Of(every, today).Name}", new TaskPatch { Status = TaskItemStatus.Done, Progress = 100 }, null, "tester");
            Assert.True(done.Succeeded, done.Detail);
        }

        // A minute before midnight of 30 June (local), everything settled; then the quarter turns.
        var beforeMidnight = new DateTimeOffset(2026, 6, 30, 23, 59, 0, TimeSpan.FromHours(8));
        cluster.Clock.Advance(beforeMidnight - cluster.Clock.GetUtcNow());
        // Settled: every unit has finished a clock pass at 23:59 (a summary computed then is read
        // only after the pass's turn, its write included, is over).
        string[] everyUnit = ["pt-r", "pt-c", .. branches];
        await Eventually.True(async () =>
        {
            foreach (var unit in everyUnit)
                if ((await cluster.Unit(unit).GetSummary())?.ComputedAt < beforeMidnight) return false;
            return true;
        }, "every unit's clock pass at 23:59");
        cluster.Counting = true;
        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        await Eventually.True(async () =>
        {
            foreach (var b in branches)
                if ((await cluster.Unit(b).GetTasks())!.Count(t => t.Period is "2026-07" or "2026-q3") != Schedules.Length) return false;
            return true;
        }, "every branch holds its five new instances");
        await Eventually.True(async () =>
        {
            foreach (var (id, every) in Schedules)
                if (await cluster.Grains.GetGrain<IDirectiveGrain>(id).Get() is not { Directive: { State: DirectiveState.Deployed, Recurrence.Current: var current } }
                    || current != Period.Of(every, new DateOnly(2026, 7, 1)).Name) return false;
            return true;
        }, "every schedule is deployed in its new period");
        // The units' clock passes come and find nothing left to store.
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(1500);
        cluster.Counting = false;

        Assert.All(branches, b => Assert.Equal(1, cluster.UnitWrites.GetValueOrDefault(b)));
        var alerts = await cluster.Unit(branches[1]).GetAlerts(false);
        Assert.Equal(Schedules.Length, alerts.Count(a => a.Rule == "taskOverdue" && a.TaskId!.EndsWith("2026-06") | a.TaskId!.EndsWith("2026-q2")));
        Assert.DoesNotContain(await cluster.Unit(branches[0]).GetAlerts(false), a => a.Rule == "taskOverdue");
    }
}
