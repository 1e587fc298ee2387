using System.Text;
using Cascade.Bench.Reporting;

namespace Cascade.Bench.Alerts;

/// <summary>Everything one <c>alerts</c> run measured, and the issue's goals judged against it.</summary>
public sealed class AlertsReport
{
    public required AlertBenchOptions Options { get; init; }
    public required string Version { get; init; }
    public AlertPlan Plan { get; set; } = null!;
    public PhaseStats UnitBuild { get; set; } = null!;
    public PhaseStats TaskBuild { get; set; } = null!;
    public long BuildRss { get; set; }
    public AlertCensus SetupCensus { get; set; } = null!;
    public int RootOpenAlerts { get; set; }
    public List<ClockPass> Natural { get; set; } = [];
    public (int Fired, int Changed, int Resolved) NaturalChanges { get; set; }
    public List<ClockPass> Aligned { get; set; } = [];
    public (int Fired, int Changed, int Resolved) AlignedChanges { get; set; }
    public List<WallPhase> WallPhases { get; } = [];
    public LagWave? Wave { get; set; }
    public int WallsLost { get; set; }
    public Restart? Restart { get; set; }
    public long PeakRss { get; set; }
    public LedgerRead? Ledger { get; set; }

    public static string Describe(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}"));

    public static string Describe(ClockPass pass)
    {
        var ends = pass.EndsAfterDue is { } e ? $"; last tick ended {e.Max / 1000:F2} s after the due instant (p50 {e.At(50) / 1000:F2} s, p99 {e.At(99) / 1000:F2} s)" : "";
        return $"{pass.Label}: {pass.Ticks.Count:N0} ticks of {pass.Units:N0} units, started within {pass.Spread(1).TotalSeconds:F1} s " +
               $"(99 % within {pass.Spread(0.99).TotalSeconds:F1} s){ends}; process CPU {pass.Cpu.TotalSeconds:F2} s ({pass.AllCores:F3} cores), " +
               $"quiet floor {Cores(pass.FloorCores)} over {pass.FloorStretch.TotalSeconds:F0} s, pass {pass.PassCpu.TotalSeconds:F2} s CPU = {pass.PassCores:P1} of one core; " +
               $"ticks in their own turn {pass.InTurn:N0} at {pass.CpuPerTickMicroseconds:F1} µs CPU each ({pass.TickCpu.TotalSeconds:F2} s), awaited {pass.Ticks.Count - pass.InTurn:N0}; " +
               $"tick {pass.TickMilliseconds.Describe()}; unit-state writes {pass.UnitWrites:N0}; {GcLog.Describe(pass.Collections)}; other processes {pass.OtherCores:F2} cores";
    }

    private static string Cores(double cores) => double.IsNaN(cores) ? "unknown (no quiet stretch)" : $"{cores:F3} cores";

    private static string Changes((int Fired, int Changed, int Resolved) c) => $"{c.Fired + c.Changed + c.Resolved:N0} (fired {c.Fired:N0}, changed {c.Changed:N0}, resolved {c.Resolved:N0})";

    public string Render()
    {
        var text = new StringBuilder();
        void Row(string name, string value) => text.AppendLine($"| {name} | {value} |");
        var tree = Plan.Tree;
        text.AppendLine("| Figure | Value |");
        text.AppendLine("|---|---|");
        Row("Tree", $"{tree.Units.Length:N0} units (levels {string.Join(" / ", tree.LevelSizes.Select(s => s.ToString("N0")))}), {Plan.TaskCount:N0} tasks; " +
            $"{Plan.LaggingUnits:N0} units lagging ({(double)Plan.LaggingUnits / tree.Units.Length:P1})");
        Row("Build (units + tasks); RSS after", $"{UnitBuild.Elapsed.TotalSeconds:F1} + {TaskBuild.Elapsed.TotalSeconds:F1} s; {ProcessFacts.Mb(BuildRss)}");
        Row("Open alerts after setup", $"{SetupCensus.Open.Count():N0}: {Describe(SetupCensus.OpenByRule())} (the root counts {RootOpenAlerts:N0}; " +
            $"{SetupCensus.Alerts.Count - SetupCensus.Open.Count():N0} raised and resolved while the tree was built)");
        Row("... the plan's lagging units", Describe(Plan.ExpectedAlerts()));
        if (Ledger is { } ledger) Row("Ledger: the root's subtree answer (GET /alerts?unit=root&subtree=true)", ledger.Describe());
        foreach (var (label, passes, changes) in new[] { ("as they fall", Natural, NaturalChanges), ("all due at once", Aligned, AlignedChanges) })
        {
            if (passes.Count == 0) continue;
            Row($"Clock, {label}: ticks per interval", string.Join("; ", passes.Select(p => $"{p.Ticks.Count:N0} ({p.Units:N0} units)")));
            Row($"... ticks started within (all / 99 %)", string.Join("; ", passes.Select(p => $"{p.Spread(1).TotalSeconds:F1} / {p.Spread(0.99).TotalSeconds:F1} s")));
            if (passes[0].AlignedAt is not null)
                Row("... **pass wall time**: due instant to the last tick's end (p50 / p99 / max)",
                    string.Join("; ", passes.Select(p => $"{p.EndsAfterDue!.At(50) / 1000:F2} / {p.EndsAfterDue.At(99) / 1000:F2} / **{p.EndsAfterDue.Max / 1000:F2} s**")));
            Row("... process CPU per interval (all of it) / quiet floor", string.Join("; ", passes.Select(p => $"{p.Cpu.TotalSeconds:F2} s ({p.AllCores:F3} cores) / {Cores(p.FloorCores)}")));
            Row("... **CPU per pass above the floor** (share of one core over the interval)", string.Join("; ", passes.Select(p => $"**{p.PassCpu.TotalSeconds:F2} s ({p.PassCores:P1})**")));
            Row("... CPU of the tick turns themselves", string.Join("; ", passes.Select(p => $"{p.TickCpu.TotalSeconds:F2} s, {p.CpuPerTickMicroseconds:F1} µs per tick")));
            Row("... tick duration p50 / p99", string.Join("; ", passes.Select(p => $"{p.TickMilliseconds.At(50):F2} / {p.TickMilliseconds.At(99):F1} ms")));
            Row("... ticks that awaited something / unit-state writes", string.Join("; ", passes.Select(p => $"{p.Ticks.Count - p.InTurn:N0} / {p.UnitWrites:N0}")));
            Row("... alert changes over these intervals", Changes(changes));
            Row("... GC per interval", string.Join("; ", passes.Select(p => $"{p.Collections.Count} collections, {p.Collections.Sum(c => c.Pause.TotalMilliseconds):N0} ms paused")));
            Row("... other processes", string.Join("; ", passes.Select(p => $"{p.OtherCores:F2} cores")));
        }
        if (Restart is { } r)
        {
            Row("Restart: host started / every unit's clock running / root counts every unit and alert",
                $"{r.HostStarted.TotalSeconds:F1} s / {At(r.AllClocks)} / **{At(r.RootComplete)}**");
            Row("... CPU, unit-state writes, RSS", $"{r.Stats.Cpu.TotalSeconds:F1} s ({r.Stats.Cores:F2} cores), {r.UnitWrites:N0} writes, {ProcessFacts.Mb(r.Rss)}");
            Row("... open alerts before / after; changes", $"{r.OpenBefore:N0} / {r.OpenAfter:N0}; {Changes(r.Changes)}");
            Row("... first interval after it: ticks, started within, CPU above the floor",
                $"{r.FirstPass.Ticks.Count:N0} ({r.FirstPass.Units:N0} units), {r.FirstPass.Spread(1).TotalSeconds:F1} s, {r.FirstPass.PassCpu.TotalSeconds:F2} s ({r.FirstPass.PassCores:P1}), {r.FirstPass.UnitWrites:N0} writes");
        }
        foreach (var phase in WallPhases)
        {
            Row($"Wall: {phase.Label}, {phase.Elapsed.TotalSeconds:F0} s" + (phase.Load is { } l ? $" ({l.Load.Succeeded:N0} updates, {l.Load.Rate:N0}/s)" : ""),
                $"alert changes in view {Changes(phase.InView)}; per wall **{phase.AllPerWallPerSecond:F2} messages/s** " +
                $"(summaries {phase.PerWallPerSecond("summaries"):F2}, changes {phase.PerWallPerSecond("changes"):F2}, **alerts {phase.PerWallPerSecond("alerts"):F2}**), " +
                $"**{phase.AlertsPerMessage:F1} alerts per message**; most in 1 s {phase.MostSentInOneSecond} sent / {phase.MostReceivedInOneSecond} received; {phase.Stats.Cores:F2} cores");
        }
        if (Wave is { } wave) Row("... lag wave", $"counties past lag 0.22: {wave.WentRed}, recovered: {wave.Recovered}; highest lag {wave.HighestLag:F3}");
        Row("Peak RSS (whole run)", ProcessFacts.Mb(PeakRss));
        Row("Product", Version);
        Row("Machine", Machine.Describe());
        Row("Date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"));
        text.AppendLine();
        text.AppendLine("Goals:");
        var province = tree.Units.Length >= 100_000;
        if (Aligned.Count > 0)
        {
            var slowest = Aligned.Max(p => p.EndsAfterDue!.Max) / 1000;
            Goal(text, "a full time-driven pass over 100,000 units in under 10 s of wall time", province, slowest < 10,
                $"every clock due at once: the last tick ended {slowest:F2} s after the due instant (slowest of {Aligned.Count} passes)");
        }
        var all = Natural.Concat(Aligned).ToList();
        if (all.Count > 0)
        {
            var worst = all.Max(p => p.PassCores);
            Goal(text, "... using under 25 % of one core on average", province, worst < 0.25,
                $"CPU above the quiet floor per interval: {string.Join(", ", all.Select(p => p.PassCores.ToString("P1")))} " +
                $"(all the process's CPU, floor included: up to {all.Max(p => p.AllCores):P1})");
        }
        var expected = Plan.ExpectedAlerts();
        var found = SetupCensus.OpenByRule();
        var same = expected.Count == found.Count && expected.All(e => found.GetValueOrDefault(e.Key) == e.Value);
        Goal(text, "open alerts are those of the lagging units, one each", true, same && RootOpenAlerts == SetupCensus.Open.Count(),
            $"{SetupCensus.Open.Count():N0} open for {Plan.LaggingUnits:N0} lagging units; the root counts {RootOpenAlerts:N0}");
        var steadyWrites = all.Sum(p => p.UnitWrites);
        var steadyChanges = NaturalChanges.Fired + NaturalChanges.Changed + NaturalChanges.Resolved + AlignedChanges.Fired + AlignedChanges.Changed + AlignedChanges.Resolved;
        Goal(text, "no alert storm: nothing changes, so no alert changes and no writes per pass", true, steadyWrites == 0 && steadyChanges == 0,
            $"{steadyChanges} alert changes and {steadyWrites} unit-state writes over {all.Count} passes");
        if (WallPhases.Count > 0)
        {
            var sent = WallPhases.Max(p => p.MostSentInOneSecond);
            var received = WallPhases.Max(p => p.MostReceivedInOneSecond);
            Goal(text, "each wall at most 4 messages a second", true, sent <= 4,
                $"most in any 1 s: {sent} as the server sent them, {received} as received; mean {WallPhases.Max(p => p.AllPerWallPerSecond):F2}/s in the busiest phase");
        }
        if (Ledger is { } read)
            Goal(text, "the root's ledger answer within 1 s with 5,000 open alerts", province && read.Answered >= 5_000, read.SameAsCensus && read.Max < 1000,
                $"{read.Answered:N0} open alerts, max {read.Max:F0} ms over {read.Milliseconds.Count} reads, exactly the census: {read.SameAsCensus}");
        if (Restart is { } restart)
            Goal(text, "after a restart every unit is back and its alerts settled within 2 minutes", province,
                restart.RootComplete is { } t && t < TimeSpan.FromMinutes(2) && restart.OpenAfter == restart.OpenBefore,
                $"{At(restart.RootComplete)} after the host was asked to start; open alerts {restart.OpenBefore:N0} before, {restart.OpenAfter:N0} after");
        return text.ToString();
    }

    private static string At(TimeSpan? at) => at is { } t ? $"{t.TotalSeconds:F1} s" : "never";

    private static void Goal(StringBuilder text, string goal, bool applies, bool met, string measured) =>
        text.AppendLine($"  [{(!applies ? "n/a, scaled-down run" : met ? "met" : "NOT met")}] {goal}: {measured}");
}
