using Orleans.Concurrency;

namespace Cascade.Directives;

/// <summary>
/// Up to <see cref="Capacity"/> targets of one directive (key <c>{directiveId}/{n}</c>): which hold
/// their copy, which failed and why, the figures each copy last reported, and the fan-out's
/// durable cursor, so a crash in the middle resumes where it stopped with one copy per target.
/// </summary>
public interface IDirectiveShardGrain : IGrainWithStringKey
{
    public const int Capacity = 5_000;

    public static string Key(string ownerId, int shard) => $"{ownerId}/{shard}";

    /// <summary>The targets of <paramref name="unitIds"/> that could not take the copy now, with why (the first <paramref name="max"/>).</summary>
    [AlwaysInterleave] Task<IReadOnlyList<CopyTarget>> Check(CopyOrder probe, IReadOnlyList<string> unitIds, int max);
    /// <summary>Adds targets and sets the goal (stored, not yet run); no goal: a schedule whose first period has not come, the targets wait for it.</summary>
    Task Assign(IReadOnlyList<string> unitIds, CopyOrder? goal);
    /// <summary>Sets a new goal for every target (an owner change, a schedule's new period, a withdrawal or release), stored, not yet run.</summary>
    Task SetGoal(CopyOrder goal);
    /// <summary>
    /// A schedule's new period handed out by the period change <paramref name="turn"/> (a
    /// <see cref="IScheduleTurnGrain"/>): stored like <see cref="SetGoal"/>, but the turn brings the
    /// targets their instance together with other schedules' and reports with <see cref="Placed"/>.
    /// </summary>
    Task TurnTo(CopyOrder goal, string turn);
    /// <summary>The turn's answers for some targets (in memory until <see cref="TurnDone"/>); a late answer for another goal is undone.</summary>
    Task Placed(string period, string[] unitIds, CopyReceipt[] receipts);
    /// <summary>The turn reached every target it knew: the rest (targets added meanwhile) are placed by the shard itself.</summary>
    Task TurnDone(string period);
    /// <summary>Runs the work to the goal now and answers when done (small shards, before the owner answers); false when a period change does it instead.</summary>
    Task<bool> RunNow();
    /// <summary>Runs the work in the background, batch by batch, telling the owner when done (in a period change: pokes it).</summary>
    [OneWay] Task Start();
    /// <summary>Withdraws one target's copy now; false when the unit is not one of this shard's targets.</summary>
    Task<bool> Withdraw(string unitId, string by, string? byName);
    Task<bool> Holds(string unitId);
    Task<int> TargetCount();
    /// <summary>Every target's unit id.</summary>
    Task<IReadOnlyList<string>> Units();
    /// <summary>Its target count, failed targets and copies' totals, in one call.</summary>
    Task<ShardReport> Report();
    Task<IReadOnlyList<CopyRow>> Copies(CopyFilter filter, string? after, int limit);
    /// <summary>A schedule's instances of an earlier <paramref name="period"/>, read from the target units (an undone one is overdue: its period is over).</summary>
    Task<IReadOnlyList<CopyRow>> Earlier(string period, CopyFilter filter, string? after, int limit);
    /// <summary>The copy in <paramref name="unitId"/> was written by its unit. One-way.</summary>
    [OneWay] Task CopyChanged(string unitId, CopyReport report);
    /// <summary>The copy in <paramref name="unitId"/> was deleted by an admin (<paramref name="by"/>): the target is withdrawn. One-way.</summary>
    [OneWay] Task CopyRemoved(string unitId, string by, string? period);
}
