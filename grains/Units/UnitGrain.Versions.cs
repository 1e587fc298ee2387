using Cascade.Rollup;
using Cascade.Telemetry;

namespace Cascade.Units;

/// <summary>
/// Summary versions, which walls and parents trust to only grow (api.md "Live push"). They
/// follow this node's clock, so they read as times and keep growing across restarts; but nodes'
/// clocks differ, and a unit that moves to a node whose clock is behind must still go on above
/// every version it handed out before (decision 009).
/// <para>
/// Most versions are handed out without a state write (a child's report summed, the clock pass,
/// an activation), so the high-water mark each state write stores (<see cref="UnitState.HighWater"/>)
/// does not cover them alone. What does is a ceiling reserved ahead for the whole cluster
/// (<see cref="VersionLeases"/>, kept by <see cref="IVersionLeaseGrain"/>): no version is published
/// above the ceiling known to be stored, and an activation starts above the stored ceiling, which
/// it raises first. One ceiling for every unit rather than one per unit: a start that wakes
/// 100,000 units, or a node's death, then costs a few shared writes of the lease instead of a
/// write of every unit, and renewing it five minutes ahead costs one write every two and a half
/// minutes for the whole cluster instead of one per unit. The per-unit high-water mark still holds
/// what the unit's own writes saw, should the lease's row be lost.
/// </para>
/// <para>
/// The price: after an activation a unit's versions may run up to five minutes (plus the clocks'
/// difference) ahead of the clock, growing by one until the clock catches up. Nothing reads them
/// as times: roll-up propagation is timed with the clock itself (<see cref="NoteOrigin"/>).
/// </para>
/// </summary>
public sealed partial class UnitGrain
{
    /// <summary>Everything up to the stored high-water mark was handed out by an earlier activation.</summary>
    private void LoadVersions() => _version = Math.Max(_version, state.State.HighWater);

    private long NextVersion() => Math.Max(_version + 1, versionClock.Now);

    private bool Unreserved => _version > versionLeases.Known;

    /// <summary>Before a version leaves this grain: within the cluster's reserved ceiling, or the ceiling is raised now.</summary>
    private Task Reserved() => Unreserved ? versionLeases.Raise(_version) : Task.CompletedTask;

    /// <summary>At activation, with the children's reports: every version handed out anywhere so far is at or below the answer.</summary>
    private async Task StartAboveLease() => _version = Math.Max(_version, await versionLeases.Activate());

    /// <summary>Combines own and children's totals; the version grows when any figure changed.</summary>
    private void Combine()
    {
        var totals = _own + _childrenTotals;
        if (_summary is null || totals != _totals)
        {
            _totals = totals;
            _version = NextVersion();
            NoteOrigin();
        }
        _summedOrigin = 0;
        _summary = RollupMath.ToSummary(Id, _totals, health.Value, _version, _ownAt);
    }

    /// <summary>
    /// Roll-up propagation, timed with this node's clock (microseconds since 1970): a change of this
    /// unit's own originates now, a change summed from below keeps the origin it came with. A unit
    /// passes the oldest one up with its next report; the root records how long ago it was
    /// (cascade.rollup.propagation). Not the versions: those may run ahead of the clock after a move.
    /// </summary>
    private void NoteOrigin()
    {
        var now = versionClock.Now;
        if (state.State.Info?.ParentId is not null) _unreportedOrigin = Oldest(_unreportedOrigin, Oldest(_summedOrigin, now));
        else if (_summedOrigin > 0 && Exists) CascadeTelemetry.RollupPropagation.Record(Math.Max(0, now - _summedOrigin) / 1e6);
    }

    private static long Oldest(long a, long b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);
}
