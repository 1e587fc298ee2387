namespace Cascade.Alerts;

/// <summary>
/// One partition of the open-alert index as plain logic over its stored <see cref="AlertIndexState"/>
/// (decision 010): units announce their alerts' changes after each write, and their whole open list
/// at activation and after a cluster change (<see cref="Sync"/>), which repairs a lost message. Only
/// open alerts are held: a resolved one leaves. Escalated alerts are here like any other, with where
/// they sit (<see cref="Alert.EscalatedToUnitId"/>).
/// </summary>
public sealed class OpenAlertIndex(Func<AlertIndexState> state)
{
    private AlertIndexState State => state();
    /// <summary>Open alerts held per unit, counted from the state once: whether a unit still has any is O(1), not a scan of the partition.</summary>
    private Dictionary<string, int>? _perUnit;
    private Dictionary<string, int> PerUnit => _perUnit ??= CountPerUnit(State);

    private static Dictionary<string, int> CountPerUnit(AlertIndexState state)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alert in state.Open.Values) counts[alert.UnitId] = counts.GetValueOrDefault(alert.UnitId) + 1;
        return counts;
    }

    public int Count => State.Open.Count;

    /// <summary>
    /// Alerts of <paramref name="unitId"/> that changed in its write of <paramref name="version"/>.
    /// True when what the index holds changed; an announcement older than one applied is ignored.
    /// </summary>
    public bool Apply(string unitId, long version, IReadOnlyList<Alert> changes)
    {
        if (Stale(unitId, version)) return false;
        var changed = false;
        foreach (var alert in changes)
            if (alert.UnitId == unitId) changed |= Put(alert);
        Stamp(unitId, version);
        return changed;
    }

    /// <summary>
    /// Everything <paramref name="unitId"/> holds open now (<paramref name="open"/>): alerts of that unit
    /// not in it leave. Version 0 (a copy read by another unit) applies unless the unit announced itself.
    /// </summary>
    public bool Sync(string unitId, long version, IReadOnlyList<Alert> open)
    {
        if (Stale(unitId, version)) return false;
        var known = State.Versions.ContainsKey(unitId);
        if (!known && open.Count == 0) return false; // the usual case at a start: a unit without alerts, none held
        var changed = false;
        if (known)
        {
            var now = open.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in State.Open.Values.Where(a => a.UnitId == unitId && !now.Contains(a.Id)).Select(a => a.Id).ToList())
                changed |= Remove(gone);
        }
        foreach (var alert in open)
            if (alert.UnitId == unitId) changed |= Put(alert);
        Stamp(unitId, version);
        return changed;
    }

    private bool Stale(string unitId, long version) =>
        State.Versions.TryGetValue(unitId, out var applied) && version < applied;

    private bool Put(Alert alert)
    {
        if (alert.State == AlertState.Resolved) return Remove(alert.Id);
        if (State.Open.TryGetValue(alert.Id, out var known))
        {
            if (known == alert) return false;
        }
        else PerUnit[alert.UnitId] = PerUnit.GetValueOrDefault(alert.UnitId) + 1;
        State.Open[alert.Id] = alert;
        return true;
    }

    private bool Remove(string alertId)
    {
        if (!State.Open.Remove(alertId, out var gone)) return false;
        if (PerUnit.TryGetValue(gone.UnitId, out var left) && left > 1) PerUnit[gone.UnitId] = left - 1;
        else PerUnit.Remove(gone.UnitId);
        return true;
    }

    /// <summary>Remembers the version while the unit has open alerts here; forgets the unit once it has none.</summary>
    private void Stamp(string unitId, long version)
    {
        if (PerUnit.ContainsKey(unitId)) State.Versions[unitId] = Math.Max(version, State.Versions.GetValueOrDefault(unitId));
        else State.Versions.Remove(unitId);
    }

    /// <summary>The units with open alerts here (the subtree question asks the tree about these only).</summary>
    public IReadOnlyList<string> Units() => [.. State.Versions.Keys];

    /// <summary>The open alerts of these units.</summary>
    public IReadOnlyList<Alert> Of(IReadOnlyCollection<string> unitIds)
    {
        var units = unitIds as ISet<string> ?? unitIds.ToHashSet(StringComparer.Ordinal);
        return [.. State.Open.Values.Where(a => units.Contains(a.UnitId))];
    }

    /// <summary>The open alerts that sit with one of these units, having climbed there from below.</summary>
    public IReadOnlyList<Alert> EscalatedTo(IReadOnlyCollection<string> unitIds)
    {
        var units = unitIds as ISet<string> ?? unitIds.ToHashSet(StringComparer.Ordinal);
        return [.. State.Open.Values.Where(a => a.EscalatedToUnitId is { } at && units.Contains(at))];
    }
}
