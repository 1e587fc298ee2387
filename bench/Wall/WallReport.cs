using System.Text;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Wall;

/// <summary>Everything one <c>wall</c> run measured, and the goals judged against it.</summary>
public sealed class WallReport
{
    public sealed record PerWall(int Pushes, long PushBytes, long SummaryBytes, int Summaries, int Changes, int Structure,
        int MostInOneSecond, long SnapshotBytes, int Rewatches, long ItemsApplied, long ItemsIgnored, int Lost);

    public required WallOptions Options { get; init; }
    public required WallSetup Setup { get; init; }
    public required string Version { get; init; }
    public TimeSpan Connect { get; set; }
    public int ViewUnits { get; set; }
    public LoadResult Load { get; set; } = null!;
    public OpenLoop.Result? Paced { get; set; }
    public WallProbe Probe { get; set; } = null!;
    public List<PerWall> Walls { get; } = [];
    public TimeSpan Window { get; set; }
    public TimeSpan ClientCpu { get; set; }
    public TimeSpan? Converged { get; set; }
    /// <summary>Per connection, as the server handed pushes to SignalR.</summary>
    public IReadOnlyList<int> ServerMostInOneSecond { get; set; } = [];
    public long PeakRss { get; set; }

    private bool ProvinceScale => !Options.Demo && Setup.UnitCount >= 100_000;
    private bool FullSize => Walls.Count >= 50 && Window.TotalSeconds >= 59;
    public double MostInOneSecond => Walls.Max(w => w.MostInOneSecond);

    /// <summary>p99 with walls that never showed a probe counted as slower than any that did.</summary>
    private double WallP99 => Probe.WallTimeouts > 0 && Probe.WallTimeouts >= 0.01 * (Probe.Samples.Count + Probe.WallTimeouts)
        ? double.PositiveInfinity : Probe.Latency.At(99);

    private double WallP50 => Probe.WallTimeouts >= 0.5 * (Probe.Samples.Count + Probe.WallTimeouts)
        ? double.PositiveInfinity : Probe.Latency.At(50);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("| Figure | Value |");
        text.AppendLine("|---|---|");
        void Row(string name, string value) => text.AppendLine($"| {name} | {value} |");
        var seconds = Window.TotalSeconds;
        Row("Organization", Setup.Description);
        Row("Walls", $"{Walls.Count} .NET SignalR clients over WebSockets, each Watch('{Setup.RootId}', {Options.Depth}): {ViewUnits} units in view, snapshot {Walls.Average(w => w.SnapshotBytes) / 1024:F1} KB; all connected and watching in {Connect.TotalMilliseconds:N0} ms");
        var mode = Paced is { } p
            ? $"open loop at {p.TargetRate:N0}/s (at most {Options.MaxInFlight} in flight; {p.Dropped:N0} not sent because that many were outstanding, peak {p.PeakInFlight} in flight)"
            : Options.Concurrency is null ? "none: the probe's writes alone"
            : $"closed loop, {Load.Concurrency} in flight";
        Row($"Task updates over HTTP, {seconds:F0} s", $"{Load.Rate:N0} updates/s achieved ({Load.Succeeded:N0} 2xx, failures: {Load.DescribeFailures()}); {mode}");
        Row("Update HTTP latency", Paced is { } q
            ? $"from when due: p50 {Load.Latency.At(50):F1} ms, p99 {Load.Latency.At(99):F1} ms; from when sent: p50 {q.ServiceLatency.At(50):F1} ms, p99 {q.ServiceLatency.At(99):F1} ms"
            : $"p50 {Load.Latency.At(50):F1} ms, p99 {Load.Latency.At(99):F1} ms");
        var perUpdate = Load.Succeeded == 0 ? $"{ProcessFacts.Mb(Load.Stats.Allocated)} allocated"
            : $"{Load.Stats.CpuPerOperation * 1e6:F0} µs CPU and {Load.Stats.Allocated / 1024.0 / Load.Succeeded:F0} KB allocated per update";
        Row("CPU and GC during the run", $"{Load.Stats.Cores:F2} cores busy in the bench process (server and walls), {Load.Stats.OtherCores:F2} in other processes; " +
            $"GC {Load.Stats.Gen0}/{Load.Stats.Gen1}/{Load.Stats.Gen2} (gen0/1/2), {Load.Stats.GcPause.TotalSeconds:F1} s paused; {perUpdate}");
        Row("The walls' own work in the bench process (parsing and applying pushes)", $"{ClientCpu.TotalSeconds:F2} s over {seconds:F0} s = {ClientCpu.TotalSeconds / seconds:F2} cores ({ThreadCpu.Kind}; SignalR client transport not included)");
        var latency = Probe.Latency;
        Row("**Write-to-wall latency** (PATCH 2xx -> wall holds the root's new total)", $"p50 {latency.At(50):F1} ms, p90 {latency.At(90):F1} ms, **p99 {latency.At(99):F1} ms**, max {latency.Max:F1} ms; " +
            $"{latency.Count:N0} samples ({Probe.Probes} probes x {Walls.Count} walls), {Probe.WallTimeouts} not shown within {WallProbe.GiveUpAfter.TotalSeconds:F0} s, {Probe.AheadOfAnswer} pushes ahead of the HTTP answer (counted as 0)");
        Row("... first wall / last wall of each probe", $"p50 {new Percentiles(Probe.FirstWall).At(50):F1} / {new Percentiles(Probe.LastWall).At(50):F1} ms, p99 {new Percentiles(Probe.FirstWall).At(99):F1} / {new Percentiles(Probe.LastWall).At(99):F1} ms");
        Row("... of which write-to-root (root grain polled)", $"{new Percentiles(Probe.RootSamples).Describe()}; {Probe.RootTimeouts} timeouts");
        Row("... and from the root grain showing it to the first wall holding it", new Percentiles(Probe.RootToFirstWall).Describe());
        Row("...... root grain -> the feed partition's batch (root and partition windows)", new Percentiles(Probe.RootToFeed).Describe());
        Row("...... feed batch -> first wall (host's 4-a-second budget, fan-out, delivery)", new Percentiles(Probe.FeedToFirstWall).Describe());
        Row("Probe PATCH itself", $"{new Percentiles(Probe.PatchMilliseconds).Describe()}, {Probe.Failures} failed");
        Row("Pushes per wall", $"mean {Walls.Average(w => w.Pushes) / seconds:F2}/s, max {Walls.Max(w => w.Pushes) / seconds:F2}/s " +
            $"(summaries {Walls.Average(w => w.Summaries) / seconds:F2}/s, changes {Walls.Average(w => w.Changes) / seconds:F2}/s, structure {Walls.Sum(w => w.Structure)} in all)");
        Row("Bytes per wall (SignalR JSON frames as received, counted by a wrapping IHubProtocol)",
            $"mean {Walls.Average(w => w.PushBytes) / seconds / 1024:F1} KB/s, max {Walls.Max(w => w.PushBytes) / seconds / 1024:F1} KB/s; summaries {Walls.Average(w => w.SummaryBytes) / Math.Max(1, Walls.Average(w => w.Summaries)) / 1024:F1} KB per message");
        Row("**Most pushes to one wall in any 1 s window** (whole run, at the client)", $"{MostInOneSecond} (walls above 4: {Walls.Count(w => w.MostInOneSecond > 4)} of {Walls.Count})");
        Row("... as the server sent them (hub lifetime manager, per connection)", ServerMostInOneSecond.Count == 0 ? "not recorded (no sends to connections by id seen)" :
            $"at most {ServerMostInOneSecond.Max()} in any 1 s window ({ServerMostInOneSecond.Count(m => m > 4)} of {ServerMostInOneSecond.Count} connections above 4)");
        Row("Summary items applied / ignored as already seen", $"{Walls.Sum(w => w.ItemsApplied):N0} / {Walls.Sum(w => w.ItemsIgnored):N0}; re-watches after 'structure': {Walls.Sum(w => w.Rewatches)}; connections lost: {Walls.Sum(w => w.Lost)}");
        Row("After the load stopped", Converged is { } c ? $"every wall held the root's latest version within {c.TotalMilliseconds:N0} ms" : "NOT every wall reached the root's latest version within 10 s");
        Row("Peak RSS (whole run)", ProcessFacts.Mb(PeakRss));
        Row("Product", Version);
        Row("Machine", Machine.Describe());
        Row("Date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"));
        text.AppendLine();
        text.AppendLine("Goals:");
        Goal(text, "demo scale, 50 walls: write-to-wall p50 <= 100 ms", Options.Demo && FullSize, WallP50 <= 100, $"p50 {WallP50:F1} ms at {Load.Rate:N0} updates/s");
        Goal(text, "demo scale, 50 walls: write-to-wall p99 <= 500 ms", Options.Demo && FullSize, WallP99 <= 500, $"p99 {WallP99:F1} ms at {Load.Rate:N0} updates/s");
        Goal(text, "province scale (100,000 units), 50 walls, 5,000 updates/s: write-to-wall p99 <= 1 s", ProvinceScale && FullSize, WallP99 <= 1000 && Load.Rate >= 5000 * 0.99,
            $"p99 {WallP99:F1} ms at {Load.Rate:N0} updates/s achieved");
        Goal(text, "each wall at most 4 messages a second (any 1 s window, as received)", FullSize, MostInOneSecond <= 4,
            $"at most {MostInOneSecond} in one second, {Walls.Count(w => w.MostInOneSecond > 4)} walls above 4; as sent by the server at most {(ServerMostInOneSecond.Count == 0 ? "?" : ServerMostInOneSecond.Max().ToString())}");
        return text.ToString();
    }

    private static void Goal(StringBuilder text, string goal, bool applies, bool met, string measured) =>
        text.AppendLine($"  [{(!applies ? "n/a for this run" : met ? "met" : "NOT met")}] {goal}: {measured}");
}
