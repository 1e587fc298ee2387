using System.Text;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Rollup;

/// <summary>Everything one run measured, and the issue's goals judged against it.</summary>
public sealed class RunReport
{
    public required BenchOptions Options { get; init; }
    public required TreePlan Plan { get; init; }
    public PhaseStats UnitBuild { get; set; } = null!;
    public PhaseStats TaskBuild { get; set; } = null!;
    public TimeSpan? BuildSettle { get; set; }
    public long BuildRss { get; set; }
    public long BuildPeakRss { get; set; }
    public List<LoadResult> Calibration { get; } = [];
    public int Concurrency { get; set; }
    public LoadResult Updates { get; set; } = null!;
    public Percentiles Probe { get; set; } = null!;
    public Percentiles ProbeWrite { get; set; } = null!;
    public int ProbeTimeouts { get; set; }
    public int ProbeFailures { get; set; }
    public SummaryCheck.Outcome Check { get; set; } = null!;
    public LoadResult Floor { get; set; } = null!;
    public LoadResult DirectChain { get; set; } = null!;
    public LoadResult DirectUpdates { get; set; } = null!;
    public LoadResult StorageWrites { get; set; } = null!;
    public LoadResult NoOpPatches { get; set; } = null!;
    public PhaseStats Idle { get; set; } = null!;
    public long PeakRss { get; set; }

    public TimeSpan BuildTotal => UnitBuild.Elapsed + TaskBuild.Elapsed;
    public double CostRatio => Floor.Rate / Updates.Rate;
    public double CpuRatio => Updates.Stats.CpuPerOperation / Floor.Stats.CpuPerOperation;

    /// <summary>p99 with probes that never arrived counted as slower than any that did.</summary>
    private double ProbeP99 => ProbeTimeouts > 0 && ProbeTimeouts >= 0.01 * (Probe.Count + ProbeTimeouts) ? double.PositiveInfinity : Probe.At(99);

    public string Render()
    {
        const double gb = 1024.0 * 1024 * 1024;
        var text = new StringBuilder();
        text.AppendLine("| Figure | Value |");
        text.AppendLine("|---|---|");
        void Row(string name, string value) => text.AppendLine($"| {name} | {value} |");
        Row("Tree", $"{Plan.Units.Length:N0} units (levels {string.Join(" / ", Plan.LevelSizes.Select(s => s.ToString("N0")))}), {Plan.TaskCount:N0} tasks");
        Row("Build: units (ImportUnits, batches of " + Options.UnitBatch.ToString("N0") + ")", $"{UnitBuild.Elapsed.TotalSeconds:F1} s ({UnitBuild.Rate:N0} units/s, {UnitBuild.Cpu.TotalSeconds:F0} s CPU)");
        Row("Build: tasks (ImportTasks, " + Options.ImportParallelism + " in flight)", $"{TaskBuild.Elapsed.TotalSeconds:F1} s ({TaskBuild.Rate:N0} tasks/s, {TaskBuild.Cpu.TotalSeconds:F0} s CPU)");
        Row("Build: total", $"{BuildTotal.TotalSeconds:F1} s (other processes took {(UnitBuild.OtherCores * UnitBuild.Elapsed.TotalSeconds + TaskBuild.OtherCores * TaskBuild.Elapsed.TotalSeconds) / BuildTotal.TotalSeconds:F2} cores meanwhile); root complete {(BuildSettle is { } s ? $"{s.TotalMilliseconds:N0} ms" : "never")} after the last import");
        Row("RSS after build (peak so far)", $"{ProcessFacts.Mb(BuildRss)} ({ProcessFacts.Mb(BuildPeakRss)})");
        foreach (var c in Calibration) Row($"Calibration, {c.Concurrency} in flight, {Options.CalibrationSeconds} s", $"{c.Rate:N0} updates/s, p99 {c.Latency.At(99):F0} ms");
        Row($"Durable updates over HTTP, {Concurrency} in flight, {Updates.Stats.Elapsed.TotalSeconds:F0} s", $"{Updates.Rate:N0} updates/s ({Updates.Succeeded:N0} 2xx, failures: {Updates.DescribeFailures()})");
        Row("Update HTTP latency", $"p50 {Updates.Latency.At(50):F1} ms, p99 {Updates.Latency.At(99):F1} ms");
        Row("CPU per update", $"{Updates.Stats.CpuPerOperation * 1e6:F0} µs ({Updates.Stats.Cores:F2} cores busy in the bench, {Updates.Stats.OtherCores:F2} in other processes)");
        Row("GC during the update run", $"{Updates.Stats.Gen0}/{Updates.Stats.Gen1}/{Updates.Stats.Gen2} collections (gen0/1/2), {Updates.Stats.GcPause.TotalSeconds:F1} s paused in {Updates.Stats.Elapsed.TotalSeconds:F0} s, {ProcessFacts.Mb(Updates.Stats.Allocated)} allocated ({Updates.Stats.Allocated / 1024.0 / Math.Max(1, Updates.Succeeded):F0} KB per update)");
        Row("Write-to-root latency (probe)", $"p50 {Probe.At(50):F1} ms, p99 {Probe.At(99):F1} ms, max {Probe.Max:F1} ms, {Probe.Count:N0} samples, {ProbeTimeouts} timeouts");
        Row("Summaries after the run", Check.Exact
            ? $"OK: all {Check.Compared:N0} units exact"
            : $"{Check.Differences.Count:N0} of {Check.Compared:N0} units differ");
        Row($"Floor: GET /bench/floor (5 grain hops), {Floor.Concurrency} in flight", $"{Floor.Rate:N0} ops/s, p50 {Floor.Latency.At(50):F1} ms, {Floor.Stats.CpuPerOperation * 1e6:F0} µs CPU per op ({Floor.Stats.Cores:F2} cores busy, {Floor.Stats.OtherCores:F2} in other processes)");
        Row("Cost per update / cost per floor op", $"{CostRatio:F2}x by throughput, {CpuRatio:F2}x by CPU per op");
        Row("Diagnostic: PatchTask without HTTP", $"{DirectUpdates.Rate:N0}/s, {DirectUpdates.Stats.CpuPerOperation * 1e6:F0} µs CPU each");
        Row("Diagnostic: 5-hop chain without HTTP", $"{DirectChain.Rate:N0}/s, {DirectChain.Stats.CpuPerOperation * 1e6:F0} µs CPU each");
        Row("Diagnostic: HTTP PATCH {} (no write, no roll-up)", $"{NoOpPatches.Rate:N0}/s, {NoOpPatches.Stats.CpuPerOperation * 1e6:F0} µs CPU each");
        Row("Diagnostic: unit-state writes to the SQLite storage alone", $"{StorageWrites.Rate:N0}/s, {StorageWrites.Stats.CpuPerOperation * 1e6:F0} µs CPU each");
        Row($"Diagnostic: idle for {Idle.Elapsed.TotalSeconds:F0} s", $"{Idle.Cores:F2} cores busy in the bench");
        Row("Peak RSS (whole run)", ProcessFacts.Mb(PeakRss));
        Row("Machine", Machine.Describe());
        Row("Date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"));
        text.AppendLine();
        text.AppendLine("Goals:");
        var provinceScale = Plan.Units.Length >= 100_000 && Plan.TaskCount >= 1_000_000;
        var fullLength = Updates.Stats.Elapsed.TotalSeconds >= 60;
        Goal(text, "build 100,000 units / ~1,000,000 tasks in <= 60 s", provinceScale, BuildTotal.TotalSeconds <= 60,
            $"{BuildTotal.TotalSeconds:F1} s for {Plan.Units.Length:N0} units ({BuildTotal.TotalSeconds / 60:P0} of the budget)");
        Goal(text, "... under 2 GB RSS", provinceScale, BuildPeakRss <= 2 * gb, $"peak {BuildPeakRss / gb:F2} GB during the build, {PeakRss / gb:F2} GB over the whole run");
        Goal(text, ">= 5,000 durable updates/s over HTTP for 60 s", provinceScale && fullLength, Updates.Rate >= 5000,
            $"{Updates.Rate:N0}/s for {Updates.Stats.Elapsed.TotalSeconds:F0} s ({Updates.Rate / 5000:P0} of the goal)");
        Goal(text, "p99 write-to-root <= 1 s", provinceScale && fullLength, ProbeP99 <= 1000, $"p99 {ProbeP99:F0} ms over {Probe.Count:N0} samples, {ProbeTimeouts} timeouts");
        Goal(text, "every summary exact afterwards", true, Check.Exact, Check.Exact ? $"{Check.Compared:N0} units checked" : $"{Check.Differences.Count:N0} units differ");
        Goal(text, "cost per update <= 3x the floor", provinceScale && fullLength, CostRatio <= 3, $"{CostRatio:F2}x by throughput, {CpuRatio:F2}x by CPU");
        return text.ToString();
    }

    /// <summary>A goal judged only at the scale it is stated for; smaller runs show the figure without a verdict.</summary>
    private static void Goal(StringBuilder text, string goal, bool applies, bool met, string measured) =>
        text.AppendLine($"  [{(!applies ? "n/a, scaled-down run" : met ? "met" : "NOT met")}] {goal}: {measured}");
}
