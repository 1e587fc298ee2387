using Cascade.Rollup;
using Cascade.Telemetry;

namespace Cascade.Units;

/// <summary>
/// Summary versions, which walls and parents trust to only grow (api.md "Live push"). They
/// follow this node's clock, so they read as times and keep growing across restarts; but nodes'
/// clocks differ, and a unit that moves to a node whose clock is behind must still go on above
/// every version it handed out before.
/// <para>
/// Most versions are handed out without a state write (a child's report summed, the clock pass,
/// an activation), so a high-water mark stored with the writes would not cover them. Instead
/// each state write also stores a ceiling, reserved ahead: <see cref="ReserveAhead"/> past this
/// node's clock (or <see cref="ReserveSteps"/> past the version, when the version is ahead of the
/// clock). An activation never hands out a version above the ceiling stored, and a new
/// activation starts above it, whatever its clock says. Writes that happen anyway carry the
/// ceiling forward for free; a unit that goes without one stores the state again when less than
/// half an hour or so is left (jittered, so units activated together do not all write
/// together), about once in 30-45 minutes. An activation stores a new ceiling before it hands out
/// its first version, since its predecessor may have used everything up to the old one: one
/// write per activation, and none per update. A version found above the ceiling anyway (a burst
/// of steps) is published only after a write reserves it.
/// </para>
/// <para>
/// The price: after a move or a restart a unit's versions may run up to an hour (plus the
/// clocks' difference) ahead of the clock, growing by one until the clock catches up. Nothing
/// reads them as times: roll-up propagation is timed with the clock itself (<see cref="NoteOrigin"/>).
/// </para>
/// </summary>
public sealed partial class UnitGrain
{
    /// <summary>How far ahead of this node's clock a write reserves versions, in microseconds: one hour.</summary>
    private const long ReserveAhead = 3_600_000_000;

    /// <summary>Versions reserved past the current one while it is ahead of the clock (then they grow by one).</summary>
    private const long ReserveSteps = 1_000_000;

    /// <summary>The ceiling that storage holds: versions up to it may be handed out.</summary>
    private long _ceiling;

    /// <summary>The clock pass stores a new ceiling when less than this is left (microseconds, jittered per activation).</summary>
    private long _renewWithin;

    /// <summary>Everything up to the stored ceiling may have been handed out by an earlier activation.</summary>
    private void LoadVersions()
    {
        _ceiling = state.State.VersionCeiling;
        _version = Math.Max(_version, _ceiling);
        _renewWithin = ReserveAhead / 2 + Random.Shared.NextInt64(ReserveAhead / 4);
    }

    private long NextVersion() => Math.Max(_version + 1, versionClock.Now);

    /// <summary>What a state write stores: never lower than before, so a failed renewal cannot shrink it.</summary>
    private long CeilingToStore() =>
        Math.Max(state.State.VersionCeiling, Math.Max(versionClock.Now + ReserveAhead, _version + ReserveSteps));

    private bool Unreserved => _version > _ceiling;

    private bool ReservationLow => _ceiling - versionClock.Now < _renewWithin;

    /// <summary>Stores the state with a new ceiling; a failed write deactivates, so the next call starts from storage.</summary>
    private async Task Reserve()
    {
        try
        {
            await WriteState();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Before a version leaves this grain: reserved, or stored now.</summary>
    private Task Reserved() => Unreserved ? Reserve() : Task.CompletedTask;

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
