using System.Text;
using Cascade.Bench.Reporting;

namespace Cascade.Bench.Schedules;

/// <summary>The figures of one <c>schedules</c> run, as the markdown table docs/benchmarks.md keeps.</summary>
public sealed class SchedulesReport
{
    public required SchedulesOptions Options { get; init; }
    public required int Leaves { get; init; }
    public required string[] Periods { get; init; }
    public TimeSpan Deployed { get; set; }
    public int Held { get; set; }
    public int OverdueBefore { get; set; }
    public int OrdinaryTurningOverdue { get; set; }
    public PeriodChange? Change { get; set; }
    public InstanceCensus.Result? Census { get; set; }
    public UnitWriteCount.Figures? Writes { get; set; }
    public (Percentiles Latency, int Timeouts, int Failures) Quiet { get; set; }
    public (Percentiles Latency, int Timeouts, int Failures) During { get; set; }
    public long Rss { get; set; }
    public long PeakRss { get; set; }
    public int WallsLost { get; set; }

    private static string Seconds(TimeSpan? t) => t is { } s ? $"{s.TotalSeconds:F1} s" : "not within 10 minutes";

    private static string Latency((Percentiles Latency, int Timeouts, int Failures) p) =>
        p.Latency.Count == 0 ? $"no samples; timeouts {p.Timeouts}, failed PATCHes {p.Failures}"
        : $"{p.Latency.At(50):F0} / {p.Latency.At(99):F0} / {p.Latency.Max:F0} ms ({p.Latency.Count:N0} samples); timeouts {p.Timeouts}, failed PATCHes {p.Failures}";

    public string Render()
    {
        var c = Change!;
        var w = Writes!;
        var instances = Leaves * ScheduleSet.Usual.Length;
        var overdueAfterExpected = OverdueBefore + instances - Held + OrdinaryTurningOverdue;
        var oldOverdue = c.RootOverdue - OverdueBefore - OrdinaryTurningOverdue;
        var byCount = string.Join(", ", w.InstanceWriteHistogram.Select(h => $"{h.Units:N0} in {h.Writes}"));
        var text = new StringBuilder();
        text.AppendLine("| figure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine($"| Leaves / schedules / instances of the new periods ({string.Join(", ", Periods.Distinct())}) | {Leaves:N0} / {ScheduleSet.Usual.Length} / {instances:N0} |");
        text.AppendLine($"| Old instances (March, Q1) placed before midnight in / marked done / left undone | {Deployed.TotalSeconds:F1} s / {Held:N0} / {instances - Held:N0} |");
        text.AppendLine($"| Clock moved to 2027-04-01 00:00:01; `ScheduleCheck` | {Options.CheckSeconds:0.##} s |");
        text.AppendLine($"| First new instance written after midnight / last leaf holding all five | {Seconds(c.FirstInstance)} / {Seconds(c.LastLeafComplete)} |");
        text.AppendLine($"| All five schedules `deployed` in the new period, every instance placed (GET) | {Seconds(c.Placed)} (slowest GET answer {c.SlowestGet.TotalSeconds:F1} s) |");
        text.AppendLine($"| Root `duties` shows them (due {c.RootDuties.Due:N0} of {instances:N0}, done {c.RootDuties.Done:N0}) | {Seconds(c.AtRoot)} |");
        text.AppendLine($"| Leaves read back afterwards holding their five new instances exactly once | {Census} (of {Leaves:N0}) |");
        text.AppendLine($"| **Period change completed after midnight** (goal 120 s) | **{Seconds(c.Completed)}** |");
        text.AppendLine($"| Root overdue before / after midnight (expected after) | {OverdueBefore:N0} / {c.RootOverdue:N0} ({overdueAfterExpected:N0}), settled {Seconds(c.OverdueSettled)} after midnight |");
        text.AppendLine($"| Old instances overdue at the root after (root's increase less {OrdinaryTurningOverdue:N0} ordinary tasks due 31 March) | {oldOverdue:N0} of {instances - Held:N0} left undone |");
        text.AppendLine($"| Unit state writes midnight until settled (the probe's unit left out): total / units written (leaves) / max per unit / units writing more than once | {w.Writes:N0} / {w.Units:N0} ({w.Leaves:N0}) / {w.MaxPerUnit} / {w.MoreThanOnce:N0} |");
        text.AppendLine($"| Of those, writes bringing new instances: total / units / max per unit / units more than once | {w.InstanceWrites:N0} / {w.InstanceUnits:N0} / {w.MaxInstanceWritesPerUnit} / {w.InstanceUnitsMoreThanOnce:N0} |");
        text.AppendLine($"| Other writes (alerts, clock): total / units (above the leaves) | {w.OtherWrites:N0} / {w.OtherUnits:N0} ({w.OtherUnitsAboveLeaves:N0}) |");
        text.AppendLine($"| Units by the writes that brought their five new instances | {byCount} |");
        text.AppendLine($"| Write-to-wall before midnight ({Options.Walls} wall(s)): p50 / p99 / max | {Latency(Quiet)} |");
        text.AppendLine($"| **Write-to-wall during the change** (midnight until completed; goal p99 1 s): p50 / p99 / max | **{Latency(During)}** |");
        text.AppendLine($"| Wall connections lost | {WallsLost} |");
        text.Append($"| Process RSS after / peak | {ProcessFacts.Mb(Rss)} / {ProcessFacts.Mb(PeakRss)} |");
        return text.ToString();
    }
}
