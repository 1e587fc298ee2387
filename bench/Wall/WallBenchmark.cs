using System.Diagnostics;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Units;
using Cascade.Web.Wall;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Wall;

/// <summary>
/// Walls watching the root: the whole app in this process, an organization (the demo or a
/// province), 50 SignalR clients watching the root two levels deep, task updates over HTTP at a
/// fixed rate, and the time from a write answering to every wall holding the root's new figures.
/// </summary>
public static class WallBenchmark
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static void Log(string line) => Console.WriteLine($"[{Stopwatch.GetElapsedTime(Started).TotalSeconds,7:F1}s] {line}");

    public static async Task<int> RunAsync(WallOptions options)
    {
        if (options.Soak) return await WallSoak.RunAsync(options);
        GcLog.Start();
        var load = options.Concurrency is { } c ? $"closed loop at {c} in flight"
            : options.Rate == 0 ? "no updates but the probe's" : $"{options.Rate:N0} updates/s open loop";
        Log($"Cascade wall benchmark: {(options.Demo ? "the demo department" : $"{options.Units:N0} units x {options.TasksPerUnit} tasks")}, " +
            $"{options.Walls} walls watching the root at depth {options.Depth}, {load} for {options.Seconds} s");
        Log($"Machine: {Machine.Describe()}");
        var version = SourceVersion.Describe();
        Log($"Product: {version}");
        await using var host = await BenchHost.StartAsync(options.KeepData, WallSetup.HostSettings(options.Demo), services =>
        {
            services.AddSingleton<ServerSendLog>();
            services.AddSingleton<WallLifetimeManager, ServerSendLog.Recording>();
        });
        Log($"Host up at {host.Address} (SQLite {host.DatabasePath})");
        var setup = options.Demo ? await WallSetup.DemoAsync(host, Log) : await WallSetup.ProvinceAsync(host, options, Log);
        var report = new WallReport { Options = options, Setup = setup, Version = version };

        // 1. The walls.
        var kiosk = await WallSetup.KioskAsync(host, setup.RootId, options.Depth);
        var hub = new Uri(host.Address, $"/hubs/wall?kiosk={Uri.EscapeDataString(kiosk)}");
        var walls = Enumerable.Range(0, options.Walls).Select(_ => new WallClient(hub, setup.RootId, options.Depth)).ToList();
        try
        {
            var connecting = Stopwatch.StartNew();
            await Task.WhenAll(walls.Select(w => w.StartAsync(CancellationToken.None)));
            report.Connect = connecting.Elapsed;
            report.ViewUnits = walls[0].SnapshotUnits;
            Log($"{walls.Count} walls connected and watching in {report.Connect.TotalMilliseconds:N0} ms; {report.ViewUnits} units in view, snapshot {walls[0].SnapshotBytes / 1024.0:F1} KB");
            await Task.Delay(TimeSpan.FromSeconds(2)); // the first pushes after a new watch settle

            // 2. Updates with the probe alongside.
            var root = host.Grains.GetGrain<IUnitGrain>(setup.RootId);
            var total = (await root.GetSummary())!.All.Weight;
            if (Math.Abs(total - setup.BaseTotal) > 1e-6) Log($"  note: the root's total weight is {total}, the setup expected {setup.BaseTotal}");
            using var probeHttp = BenchHttp.Create(2); // its own connections: never queued behind the load
            await using var feedTap = new FeedTap(host.Grains, setup.RootId);
            await feedTap.StartAsync();
            var probe = new WallProbe(probeHttp, root, setup.ProbeUrl, total, walls, feedTap, options.ProbePauseMilliseconds, options.Seed);
            report.Probe = probe;
            var before = walls.Select(w => w.Received()).ToList();
            var clientCpuBefore = walls.Sum(w => w.ClientCpu.Ticks);
            using var http = BenchHttp.Create(options.Concurrency ?? options.MaxInFlight);
            var from = Stopwatch.GetTimestamp();
            using (var stopProbe = new CancellationTokenSource())
            {
                var probing = probe.RunAsync(stopProbe.Token);
                Log($"Updating for {options.Seconds} s ({load}) while probing write-to-wall ...");
                var duration = TimeSpan.FromSeconds(options.Seconds);
                if (options.Concurrency is { } concurrency)
                {
                    report.Load = await ClosedLoop.RunAsync(concurrency, duration, options.Seed, random =>
                    {
                        var (url, body) = setup.Load.Next(random);
                        return BenchHttp.PatchAsync(http, url, body);
                    });
                }
                else if (options.Rate == 0)
                {
                    var idle = PhaseMeter.Start();
                    await Task.Delay(duration);
                    report.Load = new LoadResult(0, idle.Stop(0), new Percentiles([]), new Dictionary<int, int>(), new Dictionary<string, int>());
                }
                else
                {
                    report.Paced = await OpenLoop.RunAsync(options.Rate, options.MaxInFlight, duration, options.Seed,
                        setup.Load.Next, update => BenchHttp.PatchAsync(http, update.Url, update.Body));
                    report.Load = report.Paced.Load;
                }
                stopProbe.Cancel();
                await probing;
            }
            var to = Stopwatch.GetTimestamp();
            report.Window = Stopwatch.GetElapsedTime(from, to);
            report.ClientCpu = TimeSpan.FromTicks(walls.Sum(w => w.ClientCpu.Ticks) - clientCpuBefore);
            Log($"Updates: {report.Load.Succeeded:N0} 2xx in {report.Load.Stats.Elapsed.TotalSeconds:F1} s = {report.Load.Rate:N0}/s; failures {report.Load.DescribeFailures()}" +
                (report.Paced is { } paced ? $"; {paced.Dropped:N0} not sent (in-flight cap), peak {paced.PeakInFlight} in flight" : ""));
            Log($"  HTTP latency {report.Load.Latency.Describe()}");
            Log($"  {report.Load.Stats.Describe()}");
            Log($"Write-to-wall: {probe.Latency.Describe()}; {probe.Probes} probes, {probe.WallTimeouts} wall timeouts, {probe.Failures} failed PATCHes");
            Log($"  write-to-root {new Percentiles(probe.RootSamples).Describe()}; first wall {new Percentiles(probe.FirstWall).Describe()}; last wall {new Percentiles(probe.LastWall).Describe()}");
            Log($"  root grain -> first wall {new Percentiles(probe.RootToFirstWall).Describe()}");
            Log($"    root grain -> feed batch {new Percentiles(probe.RootToFeed).Describe()}; feed batch -> first wall {new Percentiles(probe.FeedToFirstWall).Describe()}");

            // 3. What every wall received meanwhile.
            for (var i = 0; i < walls.Count; i++)
            {
                var after = walls[i].Received();
                long Count(string name) => after.GetValueOrDefault(name).Messages - before[i].GetValueOrDefault(name).Messages;
                long Bytes(string name) => after.GetValueOrDefault(name).Bytes - before[i].GetValueOrDefault(name).Bytes;
                var (most, _) = walls[i].MostInOneSecond();
                report.Walls.Add(new WallReport.PerWall(
                    walls[i].PushesBetween(from, to), WallClient.Pushes.Append("other").Sum(Bytes), Bytes("summaries"),
                    (int)Count("summaries"), (int)Count("changes"), (int)Count("structure"),
                    most, walls[i].SnapshotBytes, walls[i].Rewatches, walls[i].ItemsApplied, walls[i].ItemsIgnored, walls[i].Lost));
            }
            DescribeBusiestWindow(walls);
            var sendLog = host.Services.GetRequiredService<ServerSendLog>();
            report.ServerMostInOneSecond = sendLog.MostInOneSecond();
            Log($"  as the server sent them: at most {report.ServerMostInOneSecond.DefaultIfEmpty().Max()} in one second; the busiest connection from there, 2 s: {sendLog.DescribeBusiest()}");

            // 4. Quiet again: every wall must end up holding the root's newest summary.
            report.Converged = await Converge(root, walls, TimeSpan.FromSeconds(10));
            report.PeakRss = ProcessFacts.PeakRss;
            Console.WriteLine();
            Console.WriteLine(report.Render());
            return 0;
        }
        finally
        {
            foreach (var wall in walls) await wall.DisposeAsync();
        }
    }

    /// <summary>The pushes of the wall with the most in one second, as offsets from that window's start.</summary>
    private static void DescribeBusiestWindow(List<WallClient> walls)
    {
        var busiest = walls.Select((w, i) => (Wall: i, Most: w.MostInOneSecond())).MaxBy(x => x.Most.Count);
        var arrivals = walls[busiest.Wall].Arrivals();
        var inWindow = arrivals.Where(a => a >= busiest.Most.At && a < busiest.Most.At + 2 * Stopwatch.Frequency)
            .Select(a => $"{Stopwatch.GetElapsedTime(busiest.Most.At, a).TotalMilliseconds:F0}");
        var gaps = walls.SelectMany(w => w.Arrivals().Zip(w.Arrivals().Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds)).ToList();
        Log($"Most pushes in one second: {busiest.Most.Count} (wall {busiest.Wall}); its pushes in the 2 s from there at ms {string.Join(", ", inWindow)}");
        Log($"  gaps between consecutive pushes, all walls: {new Percentiles(gaps).Describe()}; under 200 ms: {gaps.Count(g => g < 200):N0}, under 20 ms: {gaps.Count(g => g < 20):N0}");
    }

    private static async Task<TimeSpan?> Converge(IUnitGrain root, List<WallClient> walls, TimeSpan giveUp)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < giveUp)
        {
            var version = (await root.GetSummary())!.Version;
            if (walls.All(w => w.RootVersion == version)) return watch.Elapsed;
            await Task.Delay(10);
        }
        return null;
    }
}
