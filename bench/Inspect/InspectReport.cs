using System.Text;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Inspect;

/// <summary>Everything one <c>inspect</c> run measured, as the table docs/benchmarks.md keeps, and the goals judged against it.</summary>
public sealed class InspectReport
{
    private const double Mb = 1024.0 * 1024;

    public required InspectOptions Options { get; init; }
    public required TreePlan Plan { get; init; }
    public required double TitleLength { get; init; }
    public TimeSpan Build { get; set; }
    public long BuildRss { get; set; }
    public Calibration.Outcome Calibration { get; set; } = null!;
    public double TargetRate { get; set; }
    public LoadPhase Baseline { get; set; } = null!;
    public LoadPhase During { get; set; } = null!;
    public CaptureRun.Outcome Capture { get; set; } = null!;
    /// <summary>Rows stored and the bytes of their row blobs, work blobs and keys (unit id, inspection id, 8 for the integers).</summary>
    public (long Count, long Row, long Work, long Keys) Rows { get; set; }
    /// <summary>Growth of the file's pages in use over the capture, the load's writes included.</summary>
    public long UsedGrowth { get; set; }
    public long FileGrowth { get; set; }
    /// <summary>Growth of the pages in use over the baseline (the load alone), to tell the load's share.</summary>
    public long BaselineGrowth { get; set; }

    /// <summary>The pages in use the capture took: the growth over it less the load's, at the baseline's bytes per update.</summary>
    public long CaptureUsed => UsedGrowth - (long)(BaselineGrowth / Math.Max(1.0, Baseline.Load.Load.Succeeded) * During.Load.Load.Succeeded);
    public CaptureSplit.Outcome Split { get; set; } = null!;
    public List<HistoryTakes.Take> History { get; } = [];
    public long PeakRss { get; set; }

    private long RowBytes => Rows.Row + Rows.Work + Rows.Keys;

    private static string Latency(LoadPhase p) =>
        $"p50 {p.Probe.At(50):F0} ms, p99 {p.Probe.At(99):F0} ms, max {p.Probe.Max:F0} ms ({p.Probe.Count:N0} samples, {p.ProbeTimeouts} timeouts)";

    private static string Load(LoadPhase p) =>
        $"{p.Load.Load.Rate:N0} of {p.Load.TargetRate:N0} updates/s ({p.Load.Dropped:N0} dropped, failures {p.Load.Load.DescribeFailures()}), HTTP p99 {p.Load.Load.Latency.At(99):F0} ms";

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("| Figure | Value |");
        text.AppendLine("|---|---|");
        void Row(string name, string value) => text.AppendLine($"| {name} | {value} |");
        var c = Capture;
        Row("Tree", $"{Plan.Units.Length:N0} units (levels {string.Join(" / ", Plan.LevelSizes.Select(s => s.ToString("N0")))}), {Plan.TaskCount:N0} tasks, titles {TitleLength:F1} Chinese characters on average, notes empty");
        Row("Build (units and tasks)", $"{Build.TotalSeconds:F1} s, peak RSS {ProcessFacts.Mb(BuildRss)}");
        Row("Calibrated closed-loop rate (rollup's load)", string.Join(", ", Calibration.Trials.Select(t => $"{t.Rate:N0}/s at {t.Concurrency}")) + $": best {Calibration.Rate:N0}/s");
        Row($"Half-rate load alone, {Baseline.Load.Load.Stats.Elapsed.TotalSeconds:F0} s: updates", Load(Baseline));
        Row("Half-rate load alone: write-to-root", Latency(Baseline));
        Row("POST /api/v1/inspections answered", $"{(int)c.Posted} in {c.PostAnswered.TotalMilliseconds:F0} ms");
        Row("**Capture: POST to `captured`** (goal <= 120 s)", c.Captured is { } t ? $"**{t.TotalSeconds:F1} s** ({c.Units / t.TotalSeconds:N0} units/s, {(c.FrozenTasks ?? 0) / t.TotalSeconds:N0} tasks/s)" : "**never**");
        Row("Capture: `takenAt` to `capturedAt` (the server's times)", c.ServerSpan is { } s ? $"{s.TotalSeconds:F1} s" : "n/a");
        Row("Capture: process CPU meanwhile (with the load)", $"{c.Stats.Cpu.TotalSeconds:F0} s ({c.Stats.Cores:F2} cores; other processes {c.Stats.OtherCores:F2} cores); GC {c.Stats.Gen0}/{c.Stats.Gen1}/{c.Stats.Gen2}, paused {c.Stats.GcPause.TotalSeconds:F1} s");
        Row("Frozen scope: units / tasks", $"{c.FrozenUnits:N0} of {Plan.Units.Length:N0} / {c.FrozenTasks:N0} of {Plan.TaskCount:N0}");
        Row("**Storage: the inspection's rows, bytes summed** (row + work blobs + keys; goal <= 200 MB)", $"**{RowBytes / Mb:F1} MB** ({Rows.Count:N0} rows: rows {Rows.Row / Mb:F1} MB, work {Rows.Work / Mb:F1} MB, keys {Rows.Keys / Mb:F1} MB; {(double)RowBytes / Math.Max(1, Rows.Count):F0} B a unit)");
        Row("**Storage: the file's pages in use, growth over the capture less the load's** (goal <= 200 MB)",
            $"**{CaptureUsed / Mb:F1} MB** ({UsedGrowth / Mb:F1} MB in all; the load's share {(UsedGrowth - CaptureUsed) / Mb:F1} MB at the baseline's {BaselineGrowth / Math.Max(1.0, Baseline.Load.Load.Succeeded):F0} B an update)");
        Row("Storage: SQLite file growth over the capture (after a checkpoint; the load's writes included)", $"{FileGrowth / Mb:F1} MB");
        Row("Diagnostic, no load: every unit's `Snapshot()` in batches of 500 / their encoding on one thread",
            $"{Split.Snapshots.TotalSeconds:F1} s / {Split.Encoding.TotalSeconds:F1} s ({Split.Units:N0} units; {Split.Encoding.TotalMilliseconds * 1000 / Math.Max(1, Split.Units):F0} µs a unit)");
        Row("**Updates during the capture** (goal: half rate)", $"**{Load(During)}**");
        Row("**Write-to-root during the capture** (goal p99 < 1 s)", $"**{Latency(During)}**");
        foreach (var h in History)
            Row($"History take {h.Day:yyyy-MM-dd}, depth {h.Depth}{(h.StructureRows > 0 ? $" ({h.StructureRows:N0} structure rows)" : " (no structure rows: a following day)")}",
                $"{h.Points:N0} points in {h.Stats.Elapsed.TotalSeconds:F1} s ({h.Points / Math.Max(0.001, h.Stats.Elapsed.TotalSeconds):N0}/s); " +
                $"per point: {h.UsedBytesPerPoint:F1} B of pages in use, {h.FileBytesPerPoint:F1} B of file, {h.EncodedPerPoint:F1} B encoded figures + {h.KeyPerPoint:F1} B key");
        Row("Peak RSS (whole run)", ProcessFacts.Mb(PeakRss));
        Row("Machine", Machine.Describe());
        Row("Date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"));
        text.AppendLine();
        text.AppendLine("Goals:");
        var province = Plan.Units.Length >= 100_000 && Plan.TaskCount >= 1_000_000;
        Goal(text, "capture of 100,000 units / 1,000,000 tasks within 120 s", province, c.Captured?.TotalSeconds <= 120,
            c.Captured is { } ct ? $"{ct.TotalSeconds:F1} s" : "never");
        var stored = Math.Max(RowBytes, CaptureUsed);
        Goal(text, "... in at most 200 MB of storage", province, stored <= 200 * Mb, $"{stored / Mb:F1} MB (the larger of the rows summed and the pages in use less the load's)");
        Goal(text, "half-rate updates during the capture", province, During.Load.Load.Rate >= 0.95 * TargetRate,
            $"{During.Load.Load.Rate:N0}/s of {TargetRate:N0}/s ({During.Load.Load.Rate / TargetRate:P0})");
        Goal(text, "p99 write-to-root under 1 s during the capture", province, During.ProbeP99 < 1000, $"p99 {During.ProbeP99:F0} ms over {During.Probe.Count:N0} samples, {During.ProbeTimeouts} timeouts");
        var following = History.LastOrDefault();
        var perDay = following is null ? double.NaN : Math.Max(following.UsedBytesPerPoint, following.FileBytesPerPoint);
        Goal(text, "history <= 100 bytes a unit-day (every unit, a following day)", province, perDay <= 100,
            $"{perDay:F1} B a point (the larger of pages in use and file growth; {following?.EncodedPerPoint:F1} B encoded figures + {following?.KeyPerPoint:F1} B key)");
        return text.ToString();
    }

    /// <summary>A goal judged only at the scale it is stated for; smaller runs show the figure without a verdict.</summary>
    private static void Goal(StringBuilder text, string goal, bool applies, bool met, string measured) =>
        text.AppendLine($"  [{(!applies ? "n/a, scaled-down run" : met ? "met" : "NOT met")}] {goal}: {measured}");
}
