using System.Diagnostics;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Units;

namespace Cascade.Bench.Alerts;

/// <summary>
/// A new host on the database the first one left: its start-up pass wakes the organization,
/// which wakes every unit; each unit's activation settles its alerts. Measured from the call that
/// starts the host to every unit's clock running, to the root counting every unit and every open
/// alert, and then the first clock interval after it (the ticks fall as the units woke).
/// </summary>
public sealed record Restart(
    TimeSpan HostStarted, TimeSpan? AllClocks, TimeSpan? RootComplete, int Clocks, PhaseStats Stats, long UnitWrites, long Rss,
    int OpenBefore, int OpenAfter, (int Fired, int Changed, int Resolved) Changes, ClockPass FirstPass)
{
    public static async Task<(BenchHost Host, Restart Restart)> MeasureAsync(Func<Task<BenchHost>> start, TreePlan tree, AlertCensus before,
        TickMonitor ticks, CpuSampler cpu, StateWrites writes, TimeSpan interval, Action<string> log)
    {
        var writesBefore = writes.Units;
        var meter = PhaseMeter.Start();
        var from = Stopwatch.GetTimestamp();
        var host = await start();
        var hostStarted = Stopwatch.GetElapsedTime(from);
        log($"New host up in {hostStarted.TotalSeconds:F1} s; waiting for every unit's clock and the root ...");
        var root = host.Grains.GetGrain<IUnitGrain>(tree.RootId);
        var openBefore = before.Open.Count();
        TimeSpan? allClocks = null, rootComplete = null;
        while (Stopwatch.GetElapsedTime(from) < TimeSpan.FromMinutes(3) && (allClocks is null || rootComplete is null))
        {
            if (allClocks is null && ticks.Clocks >= tree.Units.Length)
                allClocks = Stopwatch.GetElapsedTime(from, ticks.CreatedAt()[tree.Units.Length - 1]);
            if (rootComplete is null && await root.GetSummary() is { } summary && summary.Units == tree.Units.Length && summary.OpenAlerts == openBefore)
                rootComplete = Stopwatch.GetElapsedTime(from);
            await Task.Delay(20);
        }
        var stats = meter.Stop(tree.Units.Length);
        var rss = ProcessFacts.Rss;
        var unitWrites = writes.Units - writesBefore;
        log($"Restart: every unit's clock running {Seconds(allClocks)}, the root counting all {tree.Units.Length:N0} units and {openBefore:N0} open alerts {Seconds(rootComplete)} " +
            $"after the host was asked to start; {unitWrites:N0} unit-state writes; RSS {ProcessFacts.Mb(rss)}; {stats.Describe()}");

        // The first interval after the wake: units tick a period after they woke.
        var length = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var (passFrom, passTo) = (from + length, from + 2 * length);
        var writesAtPass = writes.Units;
        await AlertsBenchmark.DelayUntil(passFrom);
        writesAtPass = writes.Units;
        log($"Measuring the first clock interval after the restart, {interval.TotalSeconds:F0} s ...");
        await AlertsBenchmark.DelayUntil(passTo + 2 * Stopwatch.Frequency);
        var pass = ClockPass.Measure("after the restart", interval, passFrom, passTo, ticks, cpu, writes.Units - writesAtPass, GcLog.Between(passFrom, passTo));
        log("  " + AlertsReport.Describe(pass));
        var after = await AlertCensus.TakeAsync(host.Grains, tree.Units.Select(u => u.Id), resolved: false);
        var restart = new Restart(hostStarted, allClocks, rootComplete, ticks.Clocks, stats, unitWrites, rss, openBefore, after.Open.Count(), after.Since(before), pass);
        log($"Open alerts before the restart {openBefore:N0}, after it {restart.OpenAfter:N0}; fired {restart.Changes.Fired}, changed {restart.Changes.Changed}, resolved {restart.Changes.Resolved}");
        return (host, restart);
    }

    private static string Seconds(TimeSpan? at) => at is { } t ? $"after {t.TotalSeconds:F1} s" : "NEVER (gave up after 3 minutes)";
}
