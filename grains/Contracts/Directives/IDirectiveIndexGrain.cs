using Orleans.Concurrency;

namespace Cascade.Directives;

/// <summary>
/// Every directive's and schedule's id, issuer and whether it still has work to do (key
/// <see cref="Key"/>): lists by issuer, guards the id namespace, resumes unfinished work after a
/// restart, and turns schedules to their new period when a node's schedule clock asks it to
/// <see cref="Check"/> (every <see cref="DirectiveOptions.ScheduleCheck"/>).
/// </summary>
public interface IDirectiveIndexGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers an owner; <paramref name="every"/> set for a schedule, with the period it handed out (null: none yet).</summary>
    Task Register(string id, string issuerUnitId, Schedules.Cadence? every = null, string? period = null);
    Task SetBusy(string id, bool busy);
    Task Remove(string id);
    [ReadOnly] Task<bool> Exists(string id);
    /// <summary>Ids issued by any of <paramref name="issuerIds"/> (all when null), in id order: directives, or with <paramref name="schedules"/> the schedules (never findings).</summary>
    [ReadOnly] Task<IReadOnlyList<string>> Issued(IReadOnlyList<string>? issuerIds, bool schedules = false);
    /// <summary>A registered finding's row as its owner now holds it (<paramref name="id"/>: the owner id, <c>f-{id}</c>).</summary>
    Task PutFinding(string id, FindingRow row);
    /// <summary>Every finding's row, in id order.</summary>
    [ReadOnly] Task<IReadOnlyList<FindingRow>> Findings();
    /// <summary>Pokes every owner with unfinished work, and turns the schedules due (start-up).</summary>
    Task Wake();
    /// <summary>Turns the schedules whose period has changed, and lets those that follow the tree look for new targets when it changed.</summary>
    Task Check();
    /// <summary>A schedule has handed out (or found nothing due for) <paramref name="period"/>, the one holding today.</summary>
    Task Seen(string id, string period);
    /// <summary>The tree changed: schedules that follow it look for new targets at the next check. One-way.</summary>
    [OneWay] Task TreeChanged();
}
