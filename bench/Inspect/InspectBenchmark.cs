using System.Diagnostics;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Hosting;
using Cascade.History;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade.Bench.Inspect;

/// <summary>
/// <c>bench -- inspect</c>: a province-scale inspection (docs/benchmarks.md). The province is built
/// as <c>rollup</c> builds it, with Chinese task titles; <c>rollup</c>'s update load is calibrated
/// and then run open-loop at half that rate (or <c>--rate</c>) with its write-to-root probe, first
/// alone for comparison, then while an inspection of the whole tree is captured through the HTTP
/// route; the capture's time and storage are measured. Last, history's daily take over the
/// province at the configured depth and for every unit, with its bytes per unit-day.
/// </summary>
public static class InspectBenchmark
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    private static void Log(string line) => Console.WriteLine($"[{Stopwatch.GetElapsedTime(Started).TotalSeconds,7:F1}s] {line}");

    public static async Task<int> RunAsync(InspectOptions options)
    {
        GcLog.Start();
        Log($"Cascade inspection benchmark: {options.Units:N0} units x {options.TasksPerUnit} tasks; capture under half-rate updates; history take at depth {options.HistoryDepth} and {InspectOptions.EveryUnit}");
        Log($"Machine: {Machine.Describe()}");
        Log($"Product: {SourceVersion.Describe()}");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(new ClockOptions().TimeZone);
        var clock = new ShiftedClock(zone, TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        // The product's own history clock asks only every 5 minutes: the bench's takes are the ones measured.
        var settings = new Dictionary<string, string?>
        {
            ["Cascade:History:Check"] = "00:05:00",
            ["Cascade:History:Depth"] = options.HistoryDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = await BenchHost.StartAsync(options.KeepData, settings,
            services => services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, clock));
        var grains = host.Grains;
        var domain = host.Services.GetRequiredService<DomainClock>();
        var plan = TreePlan.Create(options.Units, options.TasksPerUnit, options.Seed, domain.Today.Year);
        var report = new InspectReport { Options = options, Plan = plan, TitleLength = ChineseTitles.MeanLength(plan) };
        Log($"Host up at {host.Address} (SQLite {host.DatabasePath}); tree levels {string.Join(" / ", plan.LevelSizes.Select(s => s.ToString("N0")))}, " +
            $"{plan.TaskCount:N0} tasks, titles {report.TitleLength:F1} characters on average, e.g. {ChineseTitles.Of(0, 0)}");

        // 1. Build, as rollup does, with Chinese titles.
        var leafTasks = new LeafTasks(plan, host.Address);
        var builder = new TreeBuilder(grains, plan, leafTasks, unit => ChineseTitles.TasksOf(plan, unit));
        var units = await builder.ImportUnitsAsync(options.UnitBatch, Log);
        var tasks = await builder.ImportTasksAsync(options.ImportParallelism, Log);
        var root = grains.GetGrain<IUnitGrain>(plan.RootId);
        var settled = await TreeBuilder.WaitForRootAsync(root, plan.TaskCount, builder.TotalWeight, TimeSpan.FromSeconds(180))
            ?? throw new InvalidOperationException("The root never showed every task.");
        report.Build = units.Elapsed + tasks.Elapsed;
        report.BuildRss = ProcessFacts.PeakRss;
        var file = new SqliteFootprint(host.DatabasePath);
        Log($"Built in {report.Build.TotalSeconds:F1} s (root complete {settled.TotalMilliseconds:N0} ms after); RSS {ProcessFacts.Mb(ProcessFacts.Rss)}, peak {ProcessFacts.Mb(ProcessFacts.PeakRss)}; SQLite {ProcessFacts.Mb(file.Measure().File)}");

        // 2. rollup's load: calibrated closed loop, then half that rate open loop.
        using var http = BenchHttp.Create(options.Candidates.Append(options.Concurrency ?? 0).Max());
        Task<int> Update(Random random)
        {
            var (url, body) = leafTasks.Next(random);
            return BenchHttp.PatchAsync(http, url, body);
        }
        var calibration = await Calibration.ChooseAsync(options.Concurrency is { } c ? [c] : options.Candidates,
            TimeSpan.FromSeconds(options.CalibrationSeconds), options.Seed, Update, Log);
        report.Calibration = calibration;
        report.TargetRate = options.Rate ?? calibration.Rate / 2;
        var maxInFlight = Math.Max(calibration.Concurrency, 64);
        Log($"Half-rate load: {report.TargetRate:N0} updates/s ({(options.Rate is null ? "half the calibrated rate" : "--rate")}), at most {maxInFlight} in flight");

        using var probeHttp = BenchHttp.Create(2);
        var probe = new LatencyProbe(probeHttp, root,
            new Uri(host.Address, $"/api/v1/units/{plan.Units[plan.ProbeUnit].Id}/tasks/{TreePlan.ProbeTaskId}").ToString(),
            (await root.GetSummary())!.All.Weight);
        var beforeBaseline = file.Measure();
        report.Baseline = await UnderLoad(report.TargetRate, maxInFlight, options, leafTasks, http, probe,
            stop => Task.Delay(TimeSpan.FromSeconds(options.BaselineSeconds), stop));
        Log($"Baseline, no capture: {Describe(report.Baseline)}");

        // 3. The capture under the same load.
        var beforeCapture = file.Measure();
        report.BaselineGrowth = beforeCapture.Used - beforeBaseline.Used;
        var capture = new CaptureRun(http, host.Address);
        var id = $"bench-{domain.Today:yyyyMMdd}";
        var period = $"{domain.Today.Year}-q{(domain.Today.Month + 2) / 3}";
        CaptureRun.Outcome? outcome = null;
        Log($"Capturing inspection {id} ({period}) of {plan.Units.Length:N0} units while updating ...");
        report.During = await UnderLoad(report.TargetRate, maxInFlight, options, leafTasks, http, probe, async stop =>
            outcome = await capture.RunAsync(id, $"{period} 季度督查（基准测试）", period, TimeSpan.FromSeconds(options.CaptureSeconds)));
        report.Capture = outcome!;
        Log($"Capture: POST answered {outcome!.Posted:D} in {outcome.PostAnswered.TotalMilliseconds:F0} ms; captured " +
            $"{(outcome.Captured is { } t ? $"{t.TotalSeconds:F1} s after the POST" : "NEVER")} (server takenAt to capturedAt {outcome.ServerSpan?.TotalSeconds:F1} s); {outcome.Stats.Describe()}");
        Log($"During the capture: {Describe(report.During)}");
        var rows = file.Numbers("SELECT count(*), coalesce(sum(length(row)), 0), coalesce(sum(length(work)), 0), coalesce(sum(length(unit_id) + length(inspection) + 8), 0) FROM inspection_unit WHERE inspection = $p;", id);
        report.Rows = (rows[0], rows[1], rows[2], rows[3]);
        var afterCapture = file.Measure();
        (report.UsedGrowth, report.FileGrowth) = (afterCapture.Used - beforeCapture.Used, afterCapture.File - beforeCapture.File);
        Log($"Storage: {rows[0]:N0} rows; row blobs {ProcessFacts.Mb(rows[1])}, work blobs {ProcessFacts.Mb(rows[2])}, keys about {ProcessFacts.Mb(rows[3])}; " +
            $"pages in use +{ProcessFacts.Mb(report.UsedGrowth)}, file +{ProcessFacts.Mb(report.FileGrowth)} (both with the load's writes; " +
            $"the load alone added {ProcessFacts.Mb(report.BaselineGrowth)} in {report.Baseline.Load.Load.Stats.Elapsed.TotalSeconds:F0} s)");

        // Where the capture's time goes, with no load: the snapshots alone, the encoding alone.
        report.Split = await CaptureSplit.RunAsync(host.Services, grains, plan);
        Log($"Diagnostic, no load: {report.Split.Units:N0} snapshots in batches of 500 in {report.Split.Snapshots.TotalSeconds:F1} s; " +
            $"encoded on one thread in {report.Split.Encoding.TotalSeconds:F1} s ({ProcessFacts.Mb(report.Split.Encoded)})");

        // 4. History: a take at the configured depth, then every unit twice (the first with every unit's structure row).
        var history = new HistoryTakes(grains, clock, domain, host.Services.GetRequiredService<IOptions<HistoryOptions>>().Value, file);
        foreach (var depth in new[] { options.HistoryDepth, InspectOptions.EveryUnit, InspectOptions.EveryUnit })
        {
            var take = await history.NextDayAsync(depth);
            report.History.Add(take);
            Log($"History {take.Day:yyyy-MM-dd} at depth {depth}: {(take.Done ? "" : "NOT DONE; ")}{HistoryTakes.Describe(take)}");
        }

        report.PeakRss = ProcessFacts.PeakRss;
        Log($"Peak RSS {ProcessFacts.Mb(report.PeakRss)}; machine {Machine.Describe()}");
        Console.WriteLine();
        Console.WriteLine(report.Render());
        return outcome.Captured is null ? 1 : 0;
    }

    /// <summary>The half-rate load and the probe while <paramref name="during"/> runs (or its token is cancelled at the capture's timeout).</summary>
    private static async Task<LoadPhase> UnderLoad(double rate, int maxInFlight, InspectOptions options, LeafTasks leafTasks, HttpClient http,
        LatencyProbe probe, Func<CancellationToken, Task> during)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.CaptureSeconds + 30));
        var timeouts = probe.Timeouts;
        var probing = probe.RunAsync(stop.Token);
        var loading = OpenLoop.RunAsync(rate, maxInFlight, TimeSpan.FromSeconds(options.CaptureSeconds + 30), options.Seed,
            leafTasks.Next, update => BenchHttp.PatchAsync(http, update.Url, update.Body), stop.Token);
        try
        {
            await during(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
        }
        var load = await loading;
        return new LoadPhase(load, await probing, probe.Timeouts - timeouts);
    }

    private static string Describe(LoadPhase p) =>
        $"{p.Load.Load.Rate:N0} updates/s of {p.Load.TargetRate:N0} ({p.Load.Load.Succeeded:N0} 2xx, {p.Load.Dropped:N0} dropped, failures {p.Load.Load.DescribeFailures()}), " +
        $"HTTP {p.Load.Load.Latency.Describe()}; write-to-root {p.Probe.Describe()}, {p.ProbeTimeouts} timeouts; {p.Load.Load.Stats.Describe()}";
}
