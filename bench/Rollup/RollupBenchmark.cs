using System.Diagnostics;
using Cascade.Bench.Floor;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Rollup;

/// <summary>
/// The province-scale roll-up benchmark: build the tree through the real grains, drive durable
/// task updates over HTTP while probing write-to-root latency, check every summary, and compare
/// the cost of an update with a no-op grain chain of the same depth.
/// </summary>
public static class RollupBenchmark
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    private static void Log(string line) => Console.WriteLine($"[{Stopwatch.GetElapsedTime(Started).TotalSeconds,7:F1}s] {line}");

    public static async Task<int> RunAsync(BenchOptions options)
    {
        GcLog.Start();
        Log($"Cascade roll-up benchmark: {options.Units:N0} units x {options.TasksPerUnit} tasks, {options.Seconds} s of updates");
        Log($"Machine: {Machine.Describe()}");
        await using var host = await BenchHost.StartAsync(options.KeepData);
        var grains = host.Grains;
        var clock = host.Services.GetRequiredService<DomainClock>();
        var plan = TreePlan.Create(options.Units, options.TasksPerUnit, options.Seed, clock.Today.Year);
        Log($"Host up at {host.Address} (SQLite {host.DatabasePath}); tree levels {string.Join(" / ", plan.LevelSizes.Select(s => s.ToString("N0")))}, {plan.TaskCount:N0} tasks");
        var report = new RunReport { Options = options, Plan = plan };

        // 1. Build.
        var leafTasks = new LeafTasks(plan, host.Address);
        var builder = new TreeBuilder(grains, plan, leafTasks);
        report.UnitBuild = await builder.ImportUnitsAsync(options.UnitBatch, Log);
        Log($"Units imported: {plan.Units.Length:N0} in {report.UnitBuild.Elapsed.TotalSeconds:F1} s ({report.UnitBuild.Rate:N0}/s); {report.UnitBuild.Describe()}");
        Log($"  RSS now {ProcessFacts.Mb(ProcessFacts.Rss)}, peak {ProcessFacts.Mb(ProcessFacts.PeakRss)}");
        report.TaskBuild = await builder.ImportTasksAsync(options.ImportParallelism, Log);
        Log($"Tasks imported: {plan.TaskCount:N0} in {report.TaskBuild.Elapsed.TotalSeconds:F1} s ({report.TaskBuild.Rate:N0}/s); {report.TaskBuild.Describe()}");
        var root = grains.GetGrain<IUnitGrain>(plan.RootId);
        report.BuildSettle = await TreeBuilder.WaitForRootAsync(root, plan.TaskCount, builder.TotalWeight, TimeSpan.FromSeconds(120));
        report.BuildPeakRss = ProcessFacts.PeakRss;
        report.BuildRss = ProcessFacts.Rss;
        Log($"Build: {report.BuildTotal.TotalSeconds:F1} s (units {report.UnitBuild.Elapsed.TotalSeconds:F1} s + tasks {report.TaskBuild.Elapsed.TotalSeconds:F1} s); " +
            $"root showed all {plan.TaskCount:N0} tasks {(report.BuildSettle is { } s ? $"{s.TotalMilliseconds:N0} ms after the last import" : "NEVER (gave up after 120 s)")}");
        Log($"  RSS now {ProcessFacts.Mb(report.BuildRss)}, peak so far {ProcessFacts.Mb(report.BuildPeakRss)}; SQLite file {ProcessFacts.Mb(DatabaseBytes(host.DatabasePath))}");

        // 2. Concurrency.
        using var http = BenchHttp.Create(options.Candidates.Append(options.Concurrency ?? 0).Max());
        Task<int> Update(Random random)
        {
            var (url, body) = leafTasks.Next(random);
            return BenchHttp.PatchAsync(http, url, body);
        }
        var concurrency = options.Concurrency ?? 0;
        if (concurrency == 0)
        {
            var calibration = await Calibration.ChooseAsync(options.Candidates, TimeSpan.FromSeconds(options.CalibrationSeconds), options.Seed, Update, Log);
            report.Calibration.AddRange(calibration.Trials);
            concurrency = calibration.Concurrency;
        }
        report.Concurrency = concurrency;

        // 3. Sustained durable updates with the write-to-root probe alongside.
        var rootNow = await root.GetSummary();
        using var probeHttp = BenchHttp.Create(2); // its own connections: never queued behind the load
        var probe = new LatencyProbe(probeHttp, root,
            new Uri(host.Address, $"/api/v1/units/{plan.Units[plan.ProbeUnit].Id}/tasks/{TreePlan.ProbeTaskId}").ToString(),
            rootNow!.All.Weight);
        using (var stopProbe = new CancellationTokenSource())
        {
            var probing = probe.RunAsync(stopProbe.Token);
            Log($"Updating for {options.Seconds} s at {concurrency} in flight ...");
            report.Updates = await ClosedLoop.RunAsync(concurrency, TimeSpan.FromSeconds(options.Seconds), options.Seed, Update);
            stopProbe.Cancel();
            report.Probe = await probing;
        }
        report.ProbeTimeouts = probe.Timeouts;
        report.ProbeFailures = probe.Failures;
        report.ProbeWrite = new Percentiles(probe.WriteMilliseconds);
        Log($"Updates: {report.Updates.Succeeded:N0} 2xx in {report.Updates.Stats.Elapsed.TotalSeconds:F1} s = {report.Updates.Rate:N0} updates/s; failures {report.Updates.DescribeFailures()}");
        Log($"  HTTP latency {report.Updates.Latency.Describe()}");
        Log($"  {report.Updates.Stats.Describe()}; {report.Updates.Stats.CpuPerOperation * 1e6:F0} µs CPU per update");
        Log($"Write-to-root: {report.Probe.Describe()}; {probe.Timeouts} timeouts, {probe.Failures} failed probe PATCHes; probe PATCH itself {report.ProbeWrite.Describe()}");

        // 4. Every summary exact?
        var check = new SummaryCheck(grains, plan, clock);
        report.Check = await check.RunAsync(TimeSpan.FromSeconds(5), 256);
        var sent = report.Calibration.Sum(c => c.Succeeded) + report.Updates.Succeeded + report.Probe.Count + probe.Timeouts;
        Log($"Summaries: {(report.Check.Exact ? "OK" : "DIFFERENCES")} - {report.Check.Compared:N0} units compared against a recomputation from " +
            $"{plan.TaskCount:N0} tasks read back ({report.Check.ReadBack.TotalSeconds:F1} s to read), {report.Check.Attempts} comparison(s), {report.Check.Settled.TotalSeconds:F1} s");
        foreach (var difference in report.Check.Differences.Take(15)) Log($"  {difference}");
        if (report.Check.Differences.Count > 15) Log($"  ... and {report.Check.Differences.Count - 15:N0} more units");
        Log($"  Task versions advanced {report.Check.TaskVersionsAdvanced:N0}; 2xx task PATCHes sent {sent:N0} (equal unless two updates raced on one task)");

        // 5. Floor: the same concurrency against a no-op chain of 5 grain calls behind HTTP.
        var floorUrl = new Uri(host.Address, FloorEndpoint.Path).ToString();
        await ClosedLoop.RunAsync(concurrency, TimeSpan.FromSeconds(2), options.Seed, _ => BenchHttp.GetAsync(http, floorUrl));
        report.Floor = await ClosedLoop.RunAsync(concurrency, TimeSpan.FromSeconds(options.FloorSeconds), options.Seed, _ => BenchHttp.GetAsync(http, floorUrl));
        Log($"Floor (GET {FloorEndpoint.Path}, {FloorEndpoint.Hops} grain hops): {report.Floor.Rate:N0} ops/s, latency {report.Floor.Latency.Describe()}, failures {report.Floor.DescribeFailures()}");
        Log($"  {report.Floor.Stats.Describe()}; {report.Floor.Stats.CpuPerOperation * 1e6:F0} µs CPU per op");
        Log($"Cost per update / cost per floor op: {report.CostRatio:F2}x by throughput (floor rate / update rate), {report.CpuRatio:F2}x by CPU per op");

        // 6. Diagnostics: where an update's cost goes, without HTTP.
        await Diagnose(report, host.Services, http, grains, plan, leafTasks, concurrency, options);

        report.PeakRss = ProcessFacts.PeakRss;
        Log($"Peak RSS {ProcessFacts.Mb(report.PeakRss)}; machine {Machine.Describe()}");
        Console.WriteLine();
        Console.WriteLine(report.Render());
        return 0;
    }

    private static async Task Diagnose(RunReport report, IServiceProvider services, HttpClient http, IGrainFactory grains, TreePlan plan, LeafTasks leafTasks, int concurrency, BenchOptions options)
    {
        var seconds = TimeSpan.FromSeconds(Math.Max(3, options.FloorSeconds / 2));
        report.DirectChain = await ClosedLoop.RunAsync(concurrency, seconds, options.Seed, async _ =>
        {
            await grains.GetGrain<IChainGrain>(ChainGrain.KeyAt(FloorEndpoint.Hops - 1)).Hop(FloorEndpoint.Hops - 1);
            return 200;
        });
        Log($"Diagnostic, no HTTP: chain of {FloorEndpoint.Hops} grain calls {report.DirectChain.Rate:N0}/s, {report.DirectChain.Stats.CpuPerOperation * 1e6:F0} µs CPU each");
        var leaves = plan.Units.Skip(plan.FirstLeaf).Select(u => u.Id).ToArray();
        report.DirectUpdates = await ClosedLoop.RunAsync(concurrency, seconds, options.Seed, async random =>
        {
            var unit = leaves[random.Next(leaves.Length)];
            var patch = new TaskPatch { Progress = random.Next(100) };
            var result = await grains.GetGrain<IUnitGrain>(unit).PatchTask(TreePlan.TaskId(random.Next(plan.TasksPerUnit)), patch, null, null);
            return result.Succeeded ? 200 : 500;
        });
        Log($"Diagnostic, no HTTP: IUnitGrain.PatchTask (durable) {report.DirectUpdates.Rate:N0}/s, latency {report.DirectUpdates.Latency.Describe()}, " +
            $"{report.DirectUpdates.Stats.CpuPerOperation * 1e6:F0} µs CPU each; {report.DirectUpdates.Stats.Describe()}");

        var emptyPatch = "{}"u8.ToArray();
        report.NoOpPatches = await ClosedLoop.RunAsync(concurrency, seconds, options.Seed, random =>
            BenchHttp.PatchAsync(http, leafTasks.RandomUrl(random), emptyPatch));
        Log($"Diagnostic, HTTP PATCH {{}} (parsed, one grain call, nothing changes so no write and no roll-up): {report.NoOpPatches.Rate:N0}/s, " +
            $"{report.NoOpPatches.Stats.CpuPerOperation * 1e6:F0} µs CPU each; {report.NoOpPatches.Stats.Describe()}");

        report.StorageWrites = await StorageProbe.RunAsync(services, grains, plan, concurrency, seconds, options.Seed);
        Log($"Diagnostic, storage alone: {report.StorageWrites.Rate:N0} unit-state writes/s through the SQLite grain storage, latency {report.StorageWrites.Latency.Describe()}, " +
            $"{report.StorageWrites.Stats.CpuPerOperation * 1e6:F0} µs CPU each; {report.StorageWrites.Stats.Describe()}");

        var idle = PhaseMeter.Start();
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        report.Idle = idle.Stop(0);
        Log($"Diagnostic, idle (no requests) for {options.IdleSeconds} s: {report.Idle.Cores:F2} cores busy in the bench (unit clocks, roll-up); {report.Idle.Describe()}");
    }

    private static long DatabaseBytes(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
}
