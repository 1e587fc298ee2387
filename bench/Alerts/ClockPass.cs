using System.Diagnostics;
using Cascade.Bench.Reporting;

namespace Cascade.Bench.Alerts;

/// <summary>
/// One clock interval as measured: the unit ticks that started in it, the process CPU it took,
/// and the part of that CPU above the quiet floor. The floor is the process's CPU rate in the
/// longest stretch of the interval with no tick running (0.5 s before a tick starts to 2 s
/// after the last one ended, so the reports the ticks send up are not counted as quiet); what
/// the interval took above that rate is the pass's cost.
/// </summary>
public sealed record ClockPass(
    string Label, TimeSpan Interval, long From, long To, IReadOnlyList<TickMonitor.Tick> Ticks,
    TimeSpan Cpu, double OtherCores, double FloorCores, TimeSpan FloorStretch, long UnitWrites, IReadOnlyList<GcLog.Collection> Collections, long? AlignedAt)
{
    public int Units => Ticks.Select(t => t.Unit).Distinct().Count();
    public int InTurn => Ticks.Count(t => t.InTurn);
    public double CpuPerTickMicroseconds => InTurn == 0 ? double.NaN : Ticks.Where(t => t.InTurn).Sum(t => t.CpuNanoseconds) / 1e3 / InTurn;
    public TimeSpan TickCpu => TimeSpan.FromTicks(Ticks.Where(t => t.InTurn).Sum(t => t.CpuNanoseconds) / 100);
    public Percentiles TickMilliseconds => new(Ticks.Select(t => Stopwatch.GetElapsedTime(t.Started, t.Ended).TotalMilliseconds));
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(From, To);

    /// <summary>Process CPU above the quiet floor: what one pass over every unit cost.</summary>
    public TimeSpan PassCpu => double.IsNaN(FloorCores) ? Cpu : Cpu - TimeSpan.FromSeconds(FloorCores * Elapsed.TotalSeconds);
    /// <summary>The pass's CPU spread over the interval, in cores (0.25 = a quarter of one core).</summary>
    public double PassCores => PassCpu.TotalSeconds / Interval.TotalSeconds;
    public double AllCores => Cpu.TotalSeconds / Elapsed.TotalSeconds;

    /// <summary>The shortest part of the interval (taken as a circle) in which the given share of the ticks started.</summary>
    public TimeSpan Spread(double share)
    {
        if (Ticks.Count == 0) return TimeSpan.Zero;
        var period = To - From;
        var phases = Ticks.Select(t => t.Started - From).Order().ToArray();
        var needed = Math.Max(1, (int)Math.Ceiling(share * phases.Length));
        var shortest = long.MaxValue;
        for (var i = 0; i < phases.Length; i++)
        {
            var j = i + needed - 1;
            var end = j < phases.Length ? phases[j] : phases[j - phases.Length] + period;
            shortest = Math.Min(shortest, end - phases[i]);
        }
        return Stopwatch.GetElapsedTime(0, shortest);
    }

    /// <summary>Aligned passes: from the instant every clock was due to each tick's end.</summary>
    public Percentiles? EndsAfterDue => AlignedAt is { } at ? new(Ticks.Select(t => Stopwatch.GetElapsedTime(at, t.Ended).TotalMilliseconds)) : null;

    public static ClockPass Measure(string label, TimeSpan interval, long from, long to, TickMonitor ticks, CpuSampler cpu,
        long unitWrites, IReadOnlyList<GcLog.Collection> collections, long? alignedAt = null)
    {
        var inWindow = ticks.Between(from, to);
        var (total, _, other) = cpu.Between(from, to);
        var (floorFrom, floorTo) = QuietestStretch(inWindow, from, to);
        var floor = double.NaN;
        var stretch = Stopwatch.GetElapsedTime(floorFrom, floorTo);
        if (stretch >= TimeSpan.FromSeconds(3))
        {
            var (quietCpu, quietElapsed, _) = cpu.Between(floorFrom, floorTo);
            if (quietElapsed > TimeSpan.Zero) floor = quietCpu.TotalSeconds / quietElapsed.TotalSeconds;
        }
        return new ClockPass(label, interval, from, to, inWindow, total, other, floor, stretch, unitWrites, collections, alignedAt);
    }

    /// <summary>The longest stretch of [from, to) with no tick running, with the margins above.</summary>
    private static (long From, long To) QuietestStretch(List<TickMonitor.Tick> ticks, long from, long to)
    {
        var before = (long)(0.5 * Stopwatch.Frequency);
        var after = 2 * Stopwatch.Frequency;
        var best = (From: from, To: to);
        if (ticks.Count == 0) return best;
        best = (from, Math.Max(from, ticks.Min(t => t.Started) - before));
        var busyUntil = long.MinValue;
        foreach (var tick in ticks.OrderBy(t => t.Started))
        {
            if (busyUntil != long.MinValue && tick.Started - before - (busyUntil + after) > best.To - best.From)
                best = (busyUntil + after, tick.Started - before);
            busyUntil = Math.Max(busyUntil, tick.Ended);
        }
        if (to - (busyUntil + after) > best.To - best.From) best = (busyUntil + after, to);
        return best;
    }
}
