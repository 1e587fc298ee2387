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
    /// <summary>The ids of the open alerts held per unit, gathered from the state once: a unit's row and whether it still has any without a scan of the partition.</summary>
    private Dictionary<string, HashSet<string>>? _perUnit;
    private Dictionary<string, HashSet<string>> PerUnit => _perUnit ??= GatherPerUnit(State);
    /// <summary>Open alerts held here for the first time since <see cref="TakeRaised"/>: what the store's records of raised alerts may lack.</summary>
    private readonly List<RaisedAlert> _raised = [];
    /// <summary>
    /// The version at which each unit's last open alert here left. The state forgets such a unit (it
    /// has no row), but a message older than that version may still arrive (one-way messages are not
    /// ordered): it must not bring the alerts back. Kept in memory for <see cref="ClearedKept"/>.
    /// </summary>
    private readonly Dictionary<string, long> _cleared = new(StringComparer.Ordinal);
    private long _newest;
    private int _pruneAt = 1024;

    /// <summary>How long a unit's clearing is remembered, in version units (microseconds): far longer than any message waits.</summary>
    public const long ClearedKept = 10 * 60 * 1_000_000L;

    private static Dictionary<string, HashSet<string>> GatherPerUnit(AlertIndexState state)
    {
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var alert in state.Open.Values) IdsOf(ids, alert.UnitId).Add(alert.Id);
        return ids;
    }

    private static HashSet<string> IdsOf(Dictionary<string, HashSet<string>> perUnit, string unitId)
    {
        if (!perUnit.TryGetValue(unitId, out var ids)) perUnit[unitId] = ids = new(StringComparer.Ordinal);
        return ids;
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
            if (PerUnit.TryGetValue(unitId, out var held))
                foreach (var gone in held.Where(id => !now.Contains(id)).ToList())
                    changed |= Remove(gone);
        }
        foreach (var alert in open)
            if (alert.UnitId == unitId) changed |= Put(alert);
        Stamp(unitId, version);
        return changed;
    }

    private bool Stale(string unitId, long version) =>
        State.Versions.TryGetValue(unitId, out var applied) && version < applied
        || _cleared.TryGetValue(unitId, out var cleared) && version < cleared;

    /// <summary>Holds an open alert (a resolved one leaves).</summary>
    private bool Put(Alert alert)
    {
        if (alert.State == AlertState.Resolved) return Remove(alert.Id);
        if (State.Open.TryGetValue(alert.Id, out var known))
        {
            if (known == alert) return false;
        }
        else
        {
            IdsOf(PerUnit, alert.UnitId).Add(alert.Id);
            // Escalated copies keep their id and are held already, so each alert is counted once;
            // rows read back at activation are offered again (the store keeps the first record).
            _raised.Add(RaisedAlert.Of(alert));
        }
        State.Open[alert.Id] = alert;
        return true;
    }

    private bool Remove(string alertId)
    {
        if (!State.Open.Remove(alertId, out var gone)) return false;
        if (PerUnit.TryGetValue(gone.UnitId, out var left) && left.Remove(alertId) && left.Count == 0) PerUnit.Remove(gone.UnitId);
        return true;
    }

    /// <summary>
    /// Remembers the version while the unit has open alerts here; once it has none the state forgets
    /// the unit, and the version it cleared at is kept in memory (<see cref="_cleared"/>).
    /// </summary>
    private void Stamp(string unitId, long version)
    {
        var applied = Math.Max(version, State.Versions.GetValueOrDefault(unitId));
        if (_cleared.Remove(unitId, out var cleared)) applied = Math.Max(applied, cleared);
        if (PerUnit.ContainsKey(unitId))
        {
            State.Versions[unitId] = applied;
            return;
        }
        State.Versions.Remove(unitId);
        if (applied > 0) Clear(unitId, applied);
    }

    private void Clear(string unitId, long version)
    {
        _cleared[unitId] = version;
        if (version <= _newest) return;
        _newest = version;
        if (_cleared.Count < _pruneAt) return; // pruned when the count doubled: each clearing pays a constant share
        foreach (var old in _cleared.Where(c => c.Value < _newest - ClearedKept).Select(c => c.Key).ToList()) _cleared.Remove(old);
        _pruneAt = Math.Max(1024, 2 * _cleared.Count);
    }

    /// <summary>What <paramref name="unitId"/>'s stored row holds now: its open alerts here and its version; null when it has none (no row).</summary>
    public AlertIndexRow? Row(string unitId) =>
        PerUnit.TryGetValue(unitId, out var ids) && State.Versions.TryGetValue(unitId, out var version)
            ? new AlertIndexRow(unitId, version, [.. ids.Select(id => State.Open[id])])
            : null;

    /// <summary>
    /// A stored row read back: its alerts and version, unless that unit is held already (what was
    /// read or heard first is newer: rows before a whole state of the first version). True when taken.
    /// </summary>
    public bool Adopt(AlertIndexRow row)
    {
        if (State.Versions.ContainsKey(row.UnitId) || Stale(row.UnitId, row.Version)) return false;
        foreach (var alert in row.Open)
            if (alert.UnitId == row.UnitId) Put(alert);
        Stamp(row.UnitId, row.Version);
        return PerUnit.ContainsKey(row.UnitId);
    }

    /// <summary>
    /// The alerts held for the first time since the last call (announced after a unit's write, in a
    /// unit's whole open list, or read back from the stored rows at activation): what to record.
    /// </summary>
    public IReadOnlyList<RaisedAlert> TakeRaised()
    {
        if (_raised.Count == 0) return [];
        var taken = _raised.ToList();
        _raised.Clear();
        return taken;
    }

    /// <summary>Gives back records that could not be stored, to go with the next ones.</summary>
    public void Return(IReadOnlyList<RaisedAlert> raised) => _raised.InsertRange(0, raised);

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
