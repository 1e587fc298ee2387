using System.Diagnostics;
using Cascade.Bench.Alerts;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Bench.Wall;
using Cascade.Hosting;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Schedules;

/// <summary>
/// <c>bench -- schedules</c>: the period change at province scale. The product runs in process
/// with a domain clock the bench moves (<see cref="ShiftedClock"/>), standing on the last evening
/// of a quarter. The province is built, the five usual schedules go from the root to every leaf
/// (their March and Q1 instances placed), part of those are marked done, a wall watches the root
/// with a write-to-wall probe, and the clock is moved past midnight: monthly and quarterly
/// schedules turn together. Timed until every leaf holds its five new instances and the root
/// shows them; unit-state writes are counted per unit meanwhile. Only the product's outside is
/// used: HTTP, grain calls that read, the clock.
/// </summary>
public static class SchedulesBenchmark
{
    /// <summary>The evening before the turn: the bench builds and issues, then moves to <see cref="AfterMidnight"/>.</summary>
    private static readonly DateTime Evening = new(2027, 3, 31, 23, 0, 0);
    private static readonly DateTime AfterMidnight = new(2027, 4, 1, 0, 0, 1);

    public static async Task<int> RunAsync(SchedulesOptions options)
    {
        var log = WallBenchmark.Log;
        log($"Cascade schedules benchmark: {options.Units:N0} units x {options.TasksPerUnit} tasks, five schedules to every leaf, " +
            $"{options.Walls} wall(s), ScheduleCheck {options.CheckSeconds} s");
        log($"Machine: {Machine.Describe()}");
        log($"Product: {SourceVersion.Describe()}");
        var clock = new ShiftedClock(TimeZoneInfo.FindSystemTimeZoneById(new ClockOptions().TimeZone), Evening);
        var writes = new StateWrites();
        var settings = new Dictionary<string, string?> { ["Cascade:Directives:ScheduleCheck"] = TimeSpan.FromSeconds(options.CheckSeconds).ToString("c") };
        await using var host = await BenchHost.StartAsync(keepData: false, settings, services =>
        {
            services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, clock);
            writes.Observe(services);
        });
        var domain = host.Services.GetRequiredService<DomainClock>();
        if (domain.Zone.Id != clock.Zone.Id || domain.Today != DateOnly.FromDateTime(Evening))
            throw new InvalidOperationException($"The product's clock is not the bench's: {domain.Zone.Id}, {domain.Today}");
        log($"Host up at {host.Address}; the organization's clock reads {clock.LocalNow:yyyy-MM-dd HH:mm:ss} ({clock.Zone.Id})");

        var tree = await Province.BuildAsync(host, options.Units, options.TasksPerUnit);
        var leafIds = tree.Units[tree.FirstLeaf..].Select(u => u.Id).ToArray();
        var leaves = leafIds.Length;
        var before = DateOnly.FromDateTime(Evening);
        var after = DateOnly.FromDateTime(AfterMidnight);
        var newPeriods = ScheduleSet.PeriodsOf(after);
        var root = host.Grains.GetGrain<IUnitGrain>(tree.RootId);
        using var http = BenchHttp.Create(16);
        http.Timeout = TimeSpan.FromMinutes(5);
        var schedules = new ScheduleSet(http, host.Address, tree.RootId, leaves);
        var report = new SchedulesReport { Options = options, Leaves = leaves, Periods = newPeriods };

        // 1. The five schedules, their current instances at every leaf; some held, the rest to turn overdue.
        log($"Issuing the five schedules from {tree.RootId} to its {leaves:N0} leaves ({string.Join(", ", ScheduleSet.PeriodsOf(before))}) ...");
        report.Deployed = await schedules.CreateAsync(before, log);
        log($"Every current instance placed {report.Deployed.TotalSeconds:F1} s after the first POST");
        var watch = Stopwatch.StartNew();
        report.Held = await schedules.HoldAsync(leafIds, before, options.DoneEvery);
        log($"{report.Held:N0} of {ScheduleSet.Usual.Length * leaves:N0} current instances marked done over HTTP in {watch.Elapsed.TotalSeconds:F1} s");
        var settled = await WaitForRoot(root, s => s.Duties.Due == ScheduleSet.Usual.Length * leaves && s.Duties.Done == report.Held, TimeSpan.FromMinutes(3))
            ?? throw new InvalidOperationException("The root's duties never showed the instances held.");
        report.OrdinaryTurningOverdue = Enumerable.Range(0, tree.Units.Length)
            .Sum(u => tree.TasksOf(u).Count(t => t.Due == before && t.Status != TaskItemStatus.Done));
        report.OverdueBefore = settled.All.Overdue;
        var expectedOverdue = report.OverdueBefore + ScheduleSet.Usual.Length * leaves - report.Held + report.OrdinaryTurningOverdue;

        // 2. The walls and the probe, a quiet stretch first for comparison.
        var kiosk = await WallSetup.KioskAsync(host, tree.RootId, 2);
        var hub = new Uri(host.Address, $"/hubs/wall?kiosk={Uri.EscapeDataString(kiosk)}");
        var walls = Enumerable.Range(0, options.Walls).Select(_ => new WallClient(hub, tree.RootId, 2, "business")).ToList();
        try
        {
            await Task.WhenAll(walls.Select(w => w.StartAsync(CancellationToken.None)));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var baseBusiness = (await root.GetSummary())!.Business.Weight;
            var probeUrl = new Uri(host.Address, $"/api/v1/units/{tree.Units[tree.ProbeUnit].Id}/tasks/{TreePlan.ProbeTaskId}").ToString();
            using var probeHttp = BenchHttp.Create(2);
            var probe = new BusinessProbe(probeHttp, probeUrl, baseBusiness, walls, 42);
            using var stopProbe = new CancellationTokenSource();
            var probing = probe.RunAsync(stopProbe.Token);
            var quietFrom = Stopwatch.GetTimestamp();
            log($"{walls.Count} wall(s) watching {tree.RootId}; probing write-to-wall for 20 s before midnight ...");
            await Task.Delay(TimeSpan.FromSeconds(20));
            if (clock.LocalNow >= AfterMidnight.Date)
                throw new InvalidOperationException($"The setup took too long: the clock passed midnight by itself ({clock.LocalNow:O}).");

            // 3. Midnight.
            var counts = new UnitWriteCount(writes, newPeriods);
            var change = new PeriodChange(schedules, counts, root, newPeriods, leaves, expectedOverdue);
            counts.Start();
            var midnight = Stopwatch.GetTimestamp();
            clock.SetLocal(AfterMidnight);
            log($"Clock moved to {clock.LocalNow:yyyy-MM-dd HH:mm:ss}: {string.Join(", ", newPeriods.Distinct())} begin");
            await change.WatchAsync(midnight);
            var end = Stopwatch.GetTimestamp();
            counts.Stop();
            await stopProbe.CancelAsync();
            await probing;

            report.Census = await InstanceCensus.TakeAsync(host.Grains, leafIds, newPeriods);
            log($"Every leaf read back: {report.Census}");
            report.Change = change;
            report.Writes = counts.Read(id => id.StartsWith("l4-", StringComparison.Ordinal), tree.Units[tree.ProbeUnit].Id);
            report.Quiet = probe.Between(quietFrom, midnight);
            report.During = probe.Between(midnight, change.Completed is { } c ? midnight + (long)(c.TotalSeconds * Stopwatch.Frequency) : end);
            report.Rss = ProcessFacts.Rss;
            report.PeakRss = ProcessFacts.PeakRss;
            report.WallsLost = walls.Sum(w => w.Lost);
            Console.WriteLine();
            Console.WriteLine(report.Render());
            return change.Completed is not null && report.Census.Exact == leaves ? 0 : 1;
        }
        finally
        {
            foreach (var wall in walls) await wall.DisposeAsync();
        }
    }

    private static async Task<Cascade.Rollup.Summary?> WaitForRoot(IUnitGrain root, Func<Cascade.Rollup.Summary, bool> done, TimeSpan giveUp)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < giveUp)
        {
            if (await root.GetSummary() is { } summary && done(summary)) return summary;
            await Task.Delay(100);
        }
        return null;
    }
}
