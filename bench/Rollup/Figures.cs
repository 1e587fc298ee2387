using Cascade.Rollup;


namespace Cascade.Bench.Rollup;

/// <summary>The bench's own sums of one track, computed from tasks independently of the product's roll-up.</summary>
public struct Figures
{
    public int Count, Done, Blocked, Overdue, Stale;
    public double Weight, ProgressWeight;

    public void Add(in Figures other)
    {
        Count += other.Count;
        Done += other.Done;
        Blocked += other.Blocked;
        Overdue += other.Overdue;
        Stale += other.Stale;
        Weight += other.Weight;
        ProgressWeight += other.ProgressWeight;
    }

    public readonly double? Progress => Count == 0 ? null : ProgressWeight / Weight;

    /// <summary>The fields of <paramref name="shown"/> that disagree with these sums.</summary>
    public readonly IEnumerable<string> Differences(string track, TrackSummary shown)
    {
        if (shown.Count != Count) yield return $"{track}.count {shown.Count} != {Count}";
        if (Math.Abs(shown.Weight - Weight) > 1e-6) yield return $"{track}.weight {shown.Weight} != {Weight}";
        if (shown.Done != Done) yield return $"{track}.done {shown.Done} != {Done}";
        if (shown.Blocked != Blocked) yield return $"{track}.blocked {shown.Blocked} != {Blocked}";
        if (shown.Overdue != Overdue) yield return $"{track}.overdue {shown.Overdue} != {Overdue}";
        if (shown.Stale != Stale) yield return $"{track}.stale {shown.Stale} != {Stale}";
        if (shown.Progress is null != Progress is null
            || shown.Progress is { } p && Math.Abs(p - Progress!.Value) > 1e-9)
            yield return $"{track}.progress {shown.Progress:R} != {Progress:R}";
    }
}
