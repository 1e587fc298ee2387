using System.Diagnostics;
using Cascade.Audit;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Rollup;
using Cascade.Bench.Shared;
using Cascade.Bench.Wall;
using Cascade.Testing;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Cluster;

/// <summary>
/// The cluster benchmark: the roll-up and the wall with two nodes in one cluster on a shared store,
/// Azure Table Storage (Azurite) or PostgreSQL (<c>--provider</c>). The store's own durable write
/// rate, measured before, between and after the rounds in the same run with rows shaped like
/// Cascade's, is the yardstick: the one store process is the bottleneck here, so what counts is
/// the share of its rate that turns into task updates.
/// </summary>
public static class ClusterBenchmark
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    private static void Log(string line) => Console.WriteLine($"[{Stopwatch.GetElapsedTime(Started).TotalSeconds,7:F1}s] {line}");

    public static async Task<int> RunAsync(ClusterOptions options)
    {
        using var store = ClusterStore.Start(options.Provider);
        using var limit = options.StoreCpus is { } cpus ? CpuLimit.Create(cpus) : null;
        limit?.Add(store.Processes());
        Log($"Cascade cluster benchmark: two nodes on {store.Name}, {options.Units:N0} units x {options.TasksPerUnit} tasks, {options.WarmupSeconds} s of warm-up, then {options.Rounds} rounds of {options.Seconds} s of updates at {options.Concurrency} in flight, raw writes at {options.RawInFlight}");
        Log($"Machine: {Machine.Describe()}");
        var described = SourceVersion.Describe();
        var version = string.Join(' ', described.Split(' ').Take(4)) + (described.Contains("plus uncommitted") ? ", plus uncommitted changes" : ""); // without the subject
        Log($"Product: {described}");

        var settings = store.Settings;
        if (options.AuditWindowMs is { } window)
            settings[store.AuditWindowSetting] = TimeSpan.FromMilliseconds(window).ToString("c");
        Log(store.Description + (limit is null ? "" : $", limited to {limit.Cpus:0.##} CPUs (a cgroup of its own, as if on a machine of that size)"));
        await using var a = await BenchHost.StartAsync(false, settings);
        await using var b = await BenchHost.StartAsync(false, settings);
        var hosts = await a.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Log($"Node A at {a.Address}, node B at {b.Address}: {hosts.Count} silos active in one cluster; " +
            $"audit window {store.AuditWindow(a.Services).TotalMilliseconds:N0} ms");
        if (hosts.Count != 2) throw new InvalidOperationException("The two nodes did not form one cluster.");

        // 1. The tree, built through node A.
        var clock = a.Services.GetRequiredService<DomainClock>();
        var plan = TreePlan.Create(options.Units, options.TasksPerUnit, options.Seed, clock.Today.Year);
        var leafTasks = new LeafTasks(plan, a.Address);
        var builder = new TreeBuilder(a.Grains, plan, leafTasks);
        var units = await builder.ImportUnitsAsync(2_000, Log); // as rollup; the organization grain keeps 200 unit writes under way at a time
        var tasks = await builder.ImportTasksAsync(64, Log);
        var root = a.Grains.GetGrain<IUnitGrain>(plan.RootId);
        var settled = await TreeBuilder.WaitForRootAsync(root, plan.TaskCount, builder.TotalWeight, TimeSpan.FromSeconds(300));
        Log($"Build: units {units.Elapsed.TotalSeconds:F1} s ({units.Rate:N0}/s), tasks of every unit {tasks.Elapsed.TotalSeconds:F1} s ({tasks.Rate:N0} units/s); " +
            $"root exact {(settled is { } s ? $"{s.TotalMilliseconds:N0} ms later" : "NEVER (gave up after 300 s)")}");

        // 2. The store's own rate, with rows like Cascade's, between the rounds of updates (3).
        // Stored units' rows grow as their tasks change, so the raw rows are taken again from the
        // store before each raw phase: rows as Cascade's are at that moment (the first after the warm-up).
        var templateBytes = new List<long>();
        var raws = new List<(LoadResult Result, double Cpu)>();
        async Task MeasureRaw(string when)
        {
            templateBytes.Add(await store.TakeTemplateAsync(a.Services));
            Log($"Raw rows: {store.RawRows}");
            var (result, cpu, work) = await Measure(store, () => store.RawWritesAsync(plan.Units.Length, options.RawInFlight, TimeSpan.FromSeconds(options.RawSeconds), options.Seed + raws.Count));
            raws.Add((result, cpu));
            Log($"{store.Name} raw, {when}: {result.Rate:N0} writes/s, latency {result.Latency.Describe()}, failures {result.DescribeFailures()}; {store.Name} {cpu * 1e6 / result.Succeeded:F0} µs CPU per write ({cpu / result.Stats.Elapsed.TotalSeconds:F2} cores){Per(work, result.Succeeded, "write")}");
        }

        // 3. Walls on both nodes, rounds of updates through both, the write-to-wall probe alongside.
        var kiosk = await WallSetup.KioskAsync(a, plan.RootId, 2);
        var walls = new[] { a, b }.Select(n => new WallClient(new Uri(n.Address, $"/hubs/wall?kiosk={Uri.EscapeDataString(kiosk)}"), plan.RootId, 2)).ToList();
        var rounds = new List<(LoadResult Result, double Cpu)>();
        WallProbe probe;
        var requestsDuring = new Dictionary<string, long>();
        var rowsDuring = new Dictionary<string, long>();
        try
        {
            await Task.WhenAll(walls.Select(w => w.StartAsync(CancellationToken.None)));
            Log($"Walls on node A and node B watching the root at depth 2: {walls[0].SnapshotUnits} units in view");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var total = (await root.GetSummary())!.All.Weight;
            using var probeHttp = BenchHttp.Create(2);
            await using var feedTap = new FeedTap(a.Grains, plan.RootId);
            await feedTap.StartAsync();
            probe = new WallProbe(probeHttp, root, new Uri(b.Address, $"/api/v1/units/{plan.Units[plan.ProbeUnit].Id}/tasks/{TreePlan.ProbeTaskId}").ToString(),
                total, walls, feedTap, 250, options.Seed);
            using var http = BenchHttp.Create(options.Concurrency);
            var nodeA = a.Address.GetLeftPart(UriPartial.Authority);
            var nodeB = b.Address.GetLeftPart(UriPartial.Authority);
            Task<int> Update(Random random)
            {
                var (url, body) = leafTasks.Next(random);
                if (random.Next(2) == 1) url = nodeB + url[nodeA.Length..];
                return BenchHttp.PatchAsync(http, url, body);
            }
            // Both processes start cold (tiered JIT in the nodes, V8 in Azurite, caches in PostgreSQL): a round of updates
            // and of raw writes first, not counted, so the rounds measure the sustained rate.
            if (options.WarmupSeconds > 0)
            {
                Log($"Warm-up: updating for {options.WarmupSeconds} s, not counted ...");
                var warm = await ClosedLoop.RunAsync(options.Concurrency, TimeSpan.FromSeconds(options.WarmupSeconds), options.Seed - 1, Update);
                Log($"  warm-up: {warm.Rate:N0} updates/s; failures {warm.DescribeFailures()}; bench process {warm.Stats.Describe()}");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            // A unit's row keeps the audit entry of its last update until its next write (the outbox
            // is emptied in memory once the store took the entry), so after the warm-up the stored
            // rows are the size of the rows the updates write.
            await MeasureRaw("before the rounds");
            for (var round = 1; round <= options.Rounds; round++)
            {
                Log($"Round {round} of {options.Rounds}: updating through both nodes for {options.Seconds} s ...");
                using var stopProbe = new CancellationTokenSource();
                var probing = probe.RunAsync(stopProbe.Token);
                var requestsBefore = await store.RequestsAsync();
                var rowsBefore = await store.RowsAsync();
                var (updates, cpu, work) = await Measure(store, () => ClosedLoop.RunAsync(options.Concurrency, TimeSpan.FromSeconds(options.Seconds), options.Seed + round, Update));
                foreach (var (key, count) in await store.RequestsAsync()) requestsDuring[key] = requestsDuring.GetValueOrDefault(key) + count - requestsBefore.GetValueOrDefault(key);
                foreach (var (key, count) in await store.RowsAsync()) rowsDuring[key] = rowsDuring.GetValueOrDefault(key) + count - rowsBefore.GetValueOrDefault(key);
                stopProbe.Cancel();
                await probing;
                rounds.Add((updates, cpu));
                Log($"  {updates.Succeeded:N0} 2xx in {updates.Stats.Elapsed.TotalSeconds:F1} s = {updates.Rate:N0} updates/s; failures {updates.DescribeFailures()}; " +
                    $"HTTP latency {updates.Latency.Describe()}; {store.Name} {cpu * 1e6 / updates.Succeeded:F0} µs CPU per update ({cpu / updates.Stats.Elapsed.TotalSeconds:F2} cores){Per(work, updates.Succeeded, "update")}; bench process {updates.Stats.Describe()}");
                await Task.Delay(TimeSpan.FromSeconds(1)); // the round's last outboxes, before the store is measured alone
                await MeasureRaw($"after round {round}");
            }
        }
        finally
        {
            foreach (var wall in walls) await wall.DisposeAsync();
        }
        var updated = rounds.Sum(r => r.Result.Succeeded);
        var updateSeconds = rounds.Sum(r => r.Result.Stats.Elapsed.TotalSeconds);
        var updateRate = updated / updateSeconds;
        var updateCpu = rounds.Sum(r => r.Cpu);
        var updateLatency = new Percentiles(rounds.SelectMany(r => r.Result.Latency.Samples));
        var updateFailures = string.Join("; ", rounds.Select(r => r.Result.DescribeFailures()).Distinct());
        Log($"Updates: {updated:N0} 2xx in {updateSeconds:F1} s = {updateRate:N0} updates/s; failures {updateFailures}; HTTP latency {updateLatency.Describe()}");
        var sentDuring = requestsDuring.Values.Sum();
        var requestMix = requestsDuring.Where(r => r.Value > 0).OrderByDescending(r => r.Value).Select(r => $"{r.Key} {(double)r.Value / updated:F2}").ToList();
        Log($"Storage requests while updating: {sentDuring:N0} = {sentDuring / updateSeconds:N0}/s, {(double)sentDuring / updated:F2} per update: {string.Join(", ", requestMix)}");
        if (rowsDuring.Values.Any(v => v > 0))
            Log($"Rows written while updating, per update: {string.Join(", ", rowsDuring.Where(r => r.Value > 0).OrderByDescending(r => r.Value).Select(r => $"{r.Key} {(double)r.Value / updated:F2}"))}");
        Log($"Write-to-wall (probe PATCHed through node B): {probe.Latency.Describe()}; first wall {new Percentiles(probe.FirstWall).Describe()}, last wall {new Percentiles(probe.LastWall).Describe()}; " +
            $"{probe.WallTimeouts} wall timeouts, {probe.Failures} failed probe PATCHes");

        // 4. Every summary exact?
        var check = await new SummaryCheck(a.Grains, plan, clock).RunAsync(TimeSpan.FromSeconds(5), 256);
        Log($"Summaries: {(check.Exact ? "OK" : "DIFFERENCES")} - {check.Compared:N0} units compared against a recomputation from every task, {check.Attempts} comparison(s)");
        foreach (var difference in check.Differences.Take(10)) Log($"  {difference}");

        // 5. The audit trail whole: every chain unbroken, nothing lost in the group commits.
        await Task.Delay(TimeSpan.FromSeconds(2)); // the last outboxes' window
        var verifyWatch = Stopwatch.StartNew();
        var audit = await AuditVerifier.VerifyAsync(a.Services.GetRequiredService<IAuditStore>(), a.Services.GetRequiredService<AuditKey>());
        Log($"Audit trail: {(audit.Ok ? "verify ok" : $"BROKEN at {audit.Chain} {audit.FirstBadSeq}: {audit.Problem}")}, {audit.Entries:N0} entries read in {verifyWatch.Elapsed.TotalSeconds:F1} s");

        // Each round against the raw rates measured just before and after it (the store's rate drifts
        // within a run); the whole against the mean of every raw phase.
        var rawRate = raws.Average(r => r.Result.Rate);
        var rawCpu = raws.Sum(r => r.Cpu) / raws.Sum(r => r.Result.Succeeded);
        var perUpdate = updateCpu / updated / rawCpu;
        var roundRatios = rounds.Select((r, i) => r.Result.Rate / ((raws[i].Result.Rate + raws[i + 1].Result.Rate) / 2)).ToList();
        Console.WriteLine();
        Console.WriteLine($"| cluster (two nodes, {store.Name}) | {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {version} |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| Tree | {options.Units:N0} units x {options.TasksPerUnit} tasks, depth 5 |");
        Console.WriteLine($"| {store.Name}'s CPU | {(limit is null ? "no limit: it shares the machine with both nodes and the load" : $"limited to {limit.Cpus:0.##} CPUs, the nodes and the load on the rest")} |");
        Console.WriteLine($"| {store.Name} raw write rate (rows of {templateBytes.Average():N0} bytes, {options.RawInFlight} in flight), before, between and after the rounds | " +
            $"{string.Join(" / ", raws.Select(r => r.Result.Rate.ToString("N0")))}/s, mean {rawRate:N0}/s |");
        Console.WriteLine($"| Cascade updates through both nodes, {rounds.Count} rounds of {options.Seconds} s | {updateRate:N0}/s ({string.Join(" / ", rounds.Select(r => r.Result.Rate.ToString("N0")))}), " +
            $"p50 {updateLatency.At(50):F0} ms, p99 {updateLatency.At(99):F0} ms, failures {updateFailures} |");
        Console.WriteLine($"| Update rate / raw write rate (goal >= {store.GoalPercent} %) | {updateRate / rawRate:P0} (rounds, each against the raw phases beside it: {string.Join(" / ", roundRatios.Select(r => r.ToString("P0")))}) |");
        Console.WriteLine($"| Storage requests per update (all nodes' requests while updating / updates) | {(double)sentDuring / updated:F2}: {string.Join(", ", requestMix.Take(6))} |");
        Console.WriteLine($"| Storage requests/s while updating / raw write rate | {sentDuring / updateSeconds / rawRate:P0} |");
        Console.WriteLine($"| {store.Name}'s work per update, in raw writes | {perUpdate:F2} (its CPU per update over its CPU per raw write) |");
        Console.WriteLine($"| Write-to-wall, walls on both nodes | p50 {probe.Latency.At(50):F0} ms, p99 {probe.Latency.At(99):F0} ms, {probe.Probes} probes, {probe.WallTimeouts} timeouts |");
        Console.WriteLine($"| Every summary equals a recomputation | {(check.Exact ? "yes" : $"NO, {check.Differences.Count} units differ")} |");
        Console.WriteLine($"| Audit trail verified after the run | {(audit.Ok ? "ok" : "BROKEN")}, {audit.Entries:N0} entries |");
        Console.WriteLine($"| Machine | {Machine.Describe()} |");
        return check.Exact && audit.Ok ? 0 : 1;
    }

    /// <summary>Runs a phase and returns what it did with the CPU seconds the store's processes spent meanwhile and the work the store counted.</summary>
    private static async Task<(LoadResult Result, double StoreCpu, Dictionary<string, double> Work)> Measure(ClusterStore store, Func<Task<LoadResult>> phase)
    {
        var workBefore = await store.WorkAsync();
        var before = store.CpuSeconds();
        var result = await phase();
        var cpu = store.CpuSeconds() - before;
        var work = (await store.WorkAsync()).ToDictionary(w => w.Key, w => w.Value - workBefore.GetValueOrDefault(w.Key));
        return (result, cpu, work);
    }

    /// <summary>"; per write: WAL flushes 0.31, ..." when the store counts its work.</summary>
    private static string Per(Dictionary<string, double> work, long done, string what) =>
        work.Count == 0 || done == 0 ? "" : $"; per {what}: {string.Join(", ", work.Select(w => $"{w.Key} {w.Value / done:#,0.##}"))}";
}
