using System.Collections.Concurrent;
using System.Diagnostics;
using Cascade.Bench.Alerts;
using Cascade.Units;

namespace Cascade.Bench.Schedules;

/// <summary>
/// Unit-state writes per unit while <see cref="Start"/>ed: every write, and those that brought
/// new schedule instances (more tasks of the new periods than that unit's previous write held).
/// A unit's writes come one after another (one grain, one turn at a time), so its counter needs
/// no lock; the dictionary is safe across units.
/// </summary>
public sealed class UnitWriteCount
{
    private readonly ConcurrentDictionary<GrainId, Counter> _units = new();
    private readonly HashSet<string> _periods;
    private readonly int _perUnit;
    private volatile bool _counting;
    private long _firstInstanceAt;
    private long _lastCompleteAt;
    private int _complete;

    /// <param name="periods">The new period of every schedule (<c>2027-04</c>, <c>2027-q2</c>); a unit is complete with one instance each.</param>
    public UnitWriteCount(StateWrites writes, IReadOnlyCollection<string> periods)
    {
        _periods = new HashSet<string>(periods, StringComparer.Ordinal);
        _perUnit = periods.Count;
        writes.UnitWritten = Written;
    }

    public void Start() => _counting = true;
    public void Stop() => _counting = false;

    private void Written(GrainId unit, object? state)
    {
        if (!_counting) return;
        var counter = _units.GetOrAdd(unit, _ => new Counter());
        counter.Writes++;
        if (state is not UnitState s) return;
        var instances = 0;
        foreach (var task in s.Tasks)
            if (task.ScheduleId is not null && task.Period is { } period && _periods.Contains(period)) instances++;
        if (instances > counter.Instances)
        {
            counter.InstanceWrites++;
            var now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _firstInstanceAt, now, 0);
            if (instances >= _perUnit && counter.Instances < _perUnit)
            {
                Interlocked.Increment(ref _complete);
                for (var last = Interlocked.Read(ref _lastCompleteAt); now > last; last = Interlocked.Read(ref _lastCompleteAt))
                    if (Interlocked.CompareExchange(ref _lastCompleteAt, now, last) == last) break;
            }
        }
        counter.Instances = instances;
    }

    /// <summary>Units whose writes so far brought all their new instances.</summary>
    public int Complete => Volatile.Read(ref _complete);

    /// <summary>When the first write bringing a new instance went to the storage; 0 before it.</summary>
    public long FirstInstanceAt => Interlocked.Read(ref _firstInstanceAt);

    /// <summary>When the last unit to become complete wrote it; 0 before the first.</summary>
    public long LastCompleteAt => Interlocked.Read(ref _lastCompleteAt);

    /// <summary>
    /// What the window saw, leaves (ids from <paramref name="isLeaf"/>) apart from the units above
    /// them; <paramref name="except"/> (the probe's unit, written by the probe too) left out.
    /// </summary>
    public Figures Read(Func<string, bool> isLeaf, string except)
    {
        var all = _units.Select(p => (Id: p.Key.Key.ToString()!, p.Value.Writes, p.Value.InstanceWrites, p.Value.Instances))
            .Where(u => u.Id != except)
            .Select(u => (Leaf: isLeaf(u.Id), u.Writes, u.InstanceWrites, u.Instances)).ToList();
        var withInstances = all.Where(u => u.InstanceWrites > 0).ToList();
        return new Figures(
            all.Sum(u => (long)u.Writes), all.Count, all.Count(u => u.Leaf), all.Select(u => u.Writes).DefaultIfEmpty().Max(),
            all.Count(u => u.Writes > 1),
            withInstances.Sum(u => (long)u.InstanceWrites), withInstances.Count, withInstances.Select(u => u.InstanceWrites).DefaultIfEmpty().Max(),
            withInstances.Count(u => u.InstanceWrites > 1),
            withInstances.GroupBy(u => u.InstanceWrites).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList(),
            all.Count(u => u.Writes > u.InstanceWrites), all.Count(u => !u.Leaf && u.Writes > u.InstanceWrites));
    }

    /// <param name="InstanceWriteHistogram">How many units brought their new instances in 1, 2, ... writes.</param>
    public sealed record Figures(
        long Writes, int Units, int Leaves, int MaxPerUnit, int MoreThanOnce,
        long InstanceWrites, int InstanceUnits, int MaxInstanceWritesPerUnit, int InstanceUnitsMoreThanOnce,
        List<(int Writes, int Units)> InstanceWriteHistogram, int OtherUnits, int OtherUnitsAboveLeaves)
    {
        public long OtherWrites => Writes - InstanceWrites;
    }

    private sealed class Counter
    {
        public int Writes;
        public int InstanceWrites;
        public int Instances;
    }
}
