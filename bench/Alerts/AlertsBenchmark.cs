using System.Diagnostics;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Bench.Wall;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Wall;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Alerts;

/// <summary>
/// The time-driven alert evaluation at province scale: a tree with about 5 % of units lagging,
/// every unit's clock measured pass by pass (as the ticks fall, then all due at one instant,
/// then after a restart), the alerts open and how many change per pass, and what walls watching
/// the root receive while counties fall behind and tasks in view are blocked and unblocked.
/// </summary>
public static class AlertsBenchmark
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static void Log(string line) => Console.WriteLine($"[{Stopwatch.GetElapsedTime(Started).TotalSeconds,7:F1}s] {line}");

    public static async Task<int> RunAsync(AlertBenchOptions options)
    {
        GcLog.Start();
        var interval = TimeSpan.FromSeconds(options.ClockSeconds);
        Log($"Cascade alerts benchmark: {options.Units:N0} units x {options.TasksPerUnit} tasks, {options.LaggingPercent} % lagging, clock every {interval.TotalSeconds:F0} s");
        Log($"Machine: {Machine.Describe()}");
        var report = new AlertsReport { Options = options, Version = SourceVersion.Describe() };
        Log($"Product: {report.Version}");
        using var ticks = new TickMonitor(interval);
        using var cpu = new CpuSampler(TimeSpan.FromMilliseconds(100));
        var writes = new StateWrites();
        var settings = new Dictionary<string, string?> { ["Cascade:ClockInterval"] = interval.ToString("c") };
        void Observe(IServiceCollection services)
        {
            writes.Observe(services);
            services.AddSingleton<ServerSendLog>();
            services.AddSingleton<WallLifetimeManager, ServerSendLog.Recording>();
        }

        var host = await BenchHost.StartAsync(options.Restart || options.KeepData, settings, Observe);
        try
        {
            // 1. The tree, about 5 % of it lagging.
            var clock = host.Services.GetRequiredService<DomainClock>();
            var tree = TreePlan.Create(options.Units, options.TasksPerUnit, options.Seed, clock.Today.Year);
            var plan = new AlertPlan(tree, options.LaggingPercent, clock.Today);
            report.Plan = plan;
            Log($"Host up at {host.Address}; tree levels {string.Join(" / ", tree.LevelSizes.Select(s => s.ToString("N0")))}, {plan.TaskCount:N0} tasks, " +
                $"{plan.LaggingUnits:N0} units lagging ({(double)plan.LaggingUnits / tree.Units.Length:P1})");
            var builder = new TreeBuilder(host.Grains, tree, null, plan.TasksOf);
            report.UnitBuild = await builder.ImportUnitsAsync(options.UnitBatch, Log);
            report.TaskBuild = await builder.ImportTasksAsync(options.ImportParallelism, Log);
            var root = host.Grains.GetGrain<IUnitGrain>(tree.RootId);
            _ = await TreeBuilder.WaitForRootAsync(root, plan.TaskCount, builder.TotalWeight, TimeSpan.FromSeconds(120))
                ?? throw new InvalidOperationException("The root never showed every task.");
            report.BuildRss = ProcessFacts.Rss;
            Log($"Built in {(report.UnitBuild.Elapsed + report.TaskBuild.Elapsed).TotalSeconds:F1} s (units {report.UnitBuild.Elapsed.TotalSeconds:F1} s, tasks {report.TaskBuild.Elapsed.TotalSeconds:F1} s); " +
                $"RSS {ProcessFacts.Mb(report.BuildRss)}; {ticks.Clocks:N0} unit clocks running");

            // 2. The alerts the setup opened.
            var unitIds = tree.Units.Select(u => u.Id).ToArray();
            // With the resolved ones: a parent may have raised and resolved an alert while its subtree was half built.
            var setup = await AlertCensus.TakeAsync(host.Grains, unitIds, resolved: true);
            report.SetupCensus = setup;
            report.RootOpenAlerts = await WaitForOpenAlerts(root, setup.Open.Count(), TimeSpan.FromSeconds(30));
            Log($"Open alerts after setup: {setup.Open.Count():N0} (read from {unitIds.Length:N0} units in {setup.Took.TotalSeconds:F1} s; the root counts {report.RootOpenAlerts:N0}); " +
                $"by rule: {AlertsReport.Describe(setup.OpenByRule())}; the plan: {AlertsReport.Describe(plan.ExpectedAlerts())}; " +
                $"raised and resolved while the tree was built: {setup.Alerts.Count - setup.Open.Count():N0}");

            // The ledger's answer at the root, from the open-alert index.
            report.Ledger = await LedgerRead.MeasureAsync(host.Address, tree.RootId, setup, options.LedgerReads);
            Log($"Ledger at the root (GET /alerts?unit=root&subtree=true): {report.Ledger.Describe()}");
            if (options.LedgerOnly)
            {
                report.PeakRss = ProcessFacts.PeakRss;
                Console.WriteLine();
                Console.WriteLine(report.Render());
                return 0;
            }

            // 3. Clock intervals as the ticks fall: each unit ticks a clock period after it was created.
            report.Natural = await MeasureIntervals("as they fall", options.Intervals, Stopwatch.GetTimestamp(), interval, ticks, cpu, writes, null);
            var afterNatural = await AlertCensus.TakeAsync(host.Grains, unitIds, resolved: true);
            report.NaturalChanges = afterNatural.Since(setup);
            Log($"Alert changes over those {options.Intervals} intervals (census before and after): fired {report.NaturalChanges.Fired}, changed {report.NaturalChanges.Changed}, resolved {report.NaturalChanges.Resolved}");

            // 4. Every clock due at one instant: a deliberate full pass.
            if (options.AlignedIntervals > 0)
            {
                ticks.Clear();
                var at = ticks.AlignAt(TimeSpan.FromSeconds(3));
                Log($"Every unit clock ({ticks.Clocks:N0}) aimed at one instant 3 s from now, period unchanged");
                var from = at - Stopwatch.Frequency / 2;
                await DelayUntil(from);
                report.Aligned = await MeasureIntervals("all due at once", options.AlignedIntervals, from, interval, ticks, cpu, writes, at);
                var afterAligned = await AlertCensus.TakeAsync(host.Grains, unitIds, resolved: true);
                report.AlignedChanges = afterAligned.Since(afterNatural);
                Log($"Alert changes over the aligned intervals: fired {report.AlignedChanges.Fired}, changed {report.AlignedChanges.Changed}, resolved {report.AlignedChanges.Resolved}");
            }
            ticks.Clear();

            // 5. Walls watching the root while the lag moves.
            await WatchWalls(host, plan, options, report);

            // 6. A restart: a new host on the same database wakes every unit.
            if (options.Restart)
            {
                var before = await AlertCensus.TakeAsync(host.Grains, unitIds, resolved: false);
                var folder = host.Folder;
                await host.DisposeAsync();
                host = null!;
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                Log($"Host stopped; RSS {ProcessFacts.Mb(ProcessFacts.Rss)}. Starting a new one on the same database ...");
                ticks.Reset();
                (host, report.Restart) = await Restart.MeasureAsync(() => BenchHost.StartAsync(options.KeepData, settings, Observe, folder),
                    tree, before, ticks, cpu, writes, interval, Log);
            }

            report.PeakRss = ProcessFacts.PeakRss;
            Console.WriteLine();
            Console.WriteLine(report.Render());
            return 0;
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }

    private static async Task<List<ClockPass>> MeasureIntervals(string label, int count, long from, TimeSpan interval,
        TickMonitor ticks, CpuSampler cpu, StateWrites writes, long? alignedAt)
    {
        var length = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var boundaries = new List<(long At, long Writes)> { (from, writes.Units) };
        Log($"Measuring {count} clock intervals ({label}), {interval.TotalSeconds * count:F0} s ...");
        for (var i = 1; i <= count; i++)
        {
            await DelayUntil(from + i * length);
            boundaries.Add((Stopwatch.GetTimestamp(), writes.Units));
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // the last ticks end
        var passes = new List<ClockPass>();
        for (var i = 0; i < count; i++)
        {
            var (start, end) = (from + i * length, from + (i + 1) * length);
            var pass = ClockPass.Measure($"{label}, interval {i + 1}", interval, start, end, ticks, cpu,
                boundaries[i + 1].Writes - boundaries[i].Writes, GcLog.Between(start, end), alignedAt is { } a ? a + i * length : null);
            passes.Add(pass);
            Log("  " + AlertsReport.Describe(pass));
        }
        return passes;
    }

    private static async Task WatchWalls(BenchHost host, AlertPlan plan, AlertBenchOptions options, AlertsReport report)
    {
        if (options.Walls == 0) return;
        var tree = plan.Tree;
        var inView = tree.Units.Take(1 + tree.LevelSizes[1] + tree.LevelSizes[2]).Select(u => u.Id).ToArray();
        var kiosk = await WallSetup.KioskAsync(host, tree.RootId, 2);
        var hub = new Uri(host.Address, $"/hubs/wall?kiosk={Uri.EscapeDataString(kiosk)}");
        var walls = Enumerable.Range(0, options.Walls).Select(_ => new WallClient(hub, tree.RootId, 2)).ToList();
        var sent = host.Services.GetRequiredService<ServerSendLog>();
        try
        {
            await Task.WhenAll(walls.Select(w => w.StartAsync(CancellationToken.None)));
            Log($"{walls.Count} wall(s) watching the root at depth 2: {walls[0].SnapshotUnits} units in view, snapshot {walls[0].SnapshotBytes / 1024.0:F1} KB");
            await Task.Delay(TimeSpan.FromSeconds(2));
            using var http = BenchHttp.Create(256);

            async Task<WallPhase> Run(string label, int seconds, int rate, Func<Random, (string Url, byte[] Body)>? next, Func<CancellationToken, Task>? beside = null)
            {
                var census = await AlertCensus.TakeAsync(host.Grains, inView, resolved: true);
                var before = WallPhase.Before.Take(walls);
                OpenLoop.Result? load = null;
                using (var stop = new CancellationTokenSource())
                {
                    var besides = beside?.Invoke(stop.Token) ?? Task.CompletedTask;
                    if (next is null) await Task.Delay(TimeSpan.FromSeconds(seconds));
                    else load = await OpenLoop.RunAsync(rate, 256, TimeSpan.FromSeconds(seconds), options.Seed, next,
                        update => BenchHttp.PatchAsync(http, update.Url, update.Body));
                    await Task.Delay(TimeSpan.FromSeconds(2)); // what the last updates raised reaches the walls
                    stop.Cancel();
                    await besides;
                }
                var changes = (await AlertCensus.TakeAsync(host.Grains, inView, resolved: true)).Since(census);
                var phase = WallPhase.Measure(label, before, walls, sent, changes, load);
                Log(phase.Describe());
                return phase;
            }

            if (options.QuietSeconds > 0) report.WallPhases.Add(await Run("Quiet (no updates; every clock ticks)", options.QuietSeconds, 0, null));
            if (options.WaveSeconds > 0)
            {
                var wave = new LagWave(plan, host.Address, 4);
                Log($"Lag wave over the counties {string.Join(", ", wave.Counties)}: their on-schedule branches' tasks drop to 0 until the county's lag reaches 0.22, then get their progress back");
                report.WallPhases.Add(await Run($"Lag wave, {options.WaveRate:N0} updates/s", options.WaveSeconds, options.WaveRate, wave.Next,
                    stop => wave.WatchAsync(host.Grains, 0.22, stop)));
                report.Wave = wave;
                Log($"  counties past the red line {wave.WentRed}, recovered {wave.Recovered}; highest lag seen {wave.HighestLag:F3}");
            }
            if (options.ChurnSeconds > 0)
            {
                var churn = new InViewChurn(plan, host.Address);
                Log($"Churn: {churn.Tasks:N0} tasks of units in view blocked and unblocked at random, {options.ChurnRate}/s");
                report.WallPhases.Add(await Run($"Blocked/unblocked in view, {options.ChurnRate}/s", options.ChurnSeconds, options.ChurnRate, churn.Next));
            }
            report.WallsLost = walls.Sum(w => w.Lost);
        }
        finally
        {
            foreach (var wall in walls) await wall.DisposeAsync();
        }
    }

    private static async Task<int> WaitForOpenAlerts(IUnitGrain root, int expected, TimeSpan giveUp)
    {
        var watch = Stopwatch.StartNew();
        var seen = 0;
        while (watch.Elapsed < giveUp)
        {
            seen = (await root.GetSummary())?.OpenAlerts ?? 0;
            if (seen == expected) break;
            await Task.Delay(50);
        }
        return seen;
    }

    public static async Task DelayUntil(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }
}
