using Cascade.Alerts;
using Cascade.Time;

namespace Cascade.Silences;

/// <summary>
/// One unit's view of the climb-stopping silences (docs/domain.md "Silences"), asked on its clock
/// pass only, when a climb looks due: whether every due climb is held by a pause (then the
/// organization is not asked for the path), and the pauses of each alert for the escalation.
/// The path is the one last read, trusted for <see cref="PathTrusted"/>.
/// </summary>
public sealed class ClimbPauses(SilenceBook book, DomainClock clock, TimeSpan escalateAfter, ElapsedTime time)
{
    public static readonly TimeSpan PathTrusted = TimeSpan.FromMinutes(10);

    private IReadOnlyList<string>? _path;
    private DateTimeOffset _pathReadAt;

    /// <summary>True when no climb may happen now: the silences are not read yet, or every due climb is paused.</summary>
    public async ValueTask<bool> Held(AlertBook alerts)
    {
        if (!book.Loaded)
        {
            try { await book.Refresh(); }
            catch (Exception) { return true; } // escalation waits for the silences: the next clock pass tries again
        }
        if (!book.AnyStopClimb || _path is not { } path || clock.Now - _pathReadAt > PathTrusted) return false;
        var next = PausedClimbs.Next(alerts, escalateAfter, path.Count - 1, Of(path), time);
        return next is null || next > clock.Now;
    }

    /// <summary>The pauses of each alert of the unit <paramref name="unitId"/> under <paramref name="ancestors"/>; null when no silence stops a climb.</summary>
    public Func<Alert, IReadOnlyList<PauseWindow>>? For(string unitId, IReadOnlyList<string> ancestors)
    {
        _path = [unitId, .. ancestors];
        _pathReadAt = clock.Now;
        return book.AnyStopClimb ? Of(_path) : null;
    }

    private Func<Alert, IReadOnlyList<PauseWindow>> Of(IReadOnlyList<string> path) => alert => book.PausesFor(alert, path);
}
