using Orleans.Concurrency;

namespace Cascade.Directives;

/// <summary>
/// A directive, keyed by its id (docs/domain.md "Directives"): the owner of its copies. Its
/// targets live in shards (<see cref="IDirectiveShardGrain"/>, at most <see cref="IDirectiveShardGrain.Capacity"/>
/// each); the owner keeps the record, its version and which shards still have work to do.
/// </summary>
public interface IDirectiveGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks every target, then records the directive and places its copies: the answer is
    /// Created when every copy exists (at most <paramref name="syncTargets"/> targets), else Ok
    /// with state deploying; a repeat of the same draft answers the stored directive.
    /// </summary>
    Task<Result<DirectiveView>> Create(DirectiveDraft draft, IReadOnlyList<string> targets, string by, string? byName, int syncTargets);
    Task<DirectiveView?> Get();
    Task<Result<DirectiveView>> Patch(DirectivePatch patch, string? ifMatch, string by, string? byName, int syncTargets);
    /// <summary>Adds targets (checked as on create; units already targets are refused).</summary>
    Task<Result<DirectiveView>> AddTargets(IReadOnlyList<string> targets, string by, string? byName, int syncTargets);
    /// <summary>Withdraws one target's copy before answering; NotFound when the unit is not a target.</summary>
    Task<Result<DirectiveView>> Withdraw(string unitId, string by, string? byName);
    /// <summary>Withdraws the directive and every copy (before answering up to <paramref name="syncTargets"/>).</summary>
    Task<Result<bool>> Delete(string by, string? byName, int syncTargets);
    /// <summary>Placed copies with unit id after <paramref name="after"/>, in id order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CopyRow>?> Copies(CopyFilter filter, string? after, int limit);

    /// <summary>
    /// A schedule's instances of <paramref name="period"/> (the current one as <see cref="Copies"/>
    /// reads them; an earlier one from the target units), in unit id order; null when no such schedule.
    /// </summary>
    Task<IReadOnlyList<CopyRow>?> Instances(string period, CopyFilter filter, string? after, int limit);

    /// <summary>The row of the wall's 交办事项 panel; null when the directive does not exist.</summary>
    Task<DirectiveRow?> Row();

    /// <summary>A shard finished its work for <paramref name="version"/>.</summary>
    [OneWay] Task ShardDone(int shard, long version);
    /// <summary>A shard's copies changed: the owner tells walls watching the issuer (at most once a second).</summary>
    [OneWay] Task ShardChanged(int shard);
    /// <summary>An admin deleted the copy in <paramref name="unitId"/>: recorded as the directive's withdrawal of that target.</summary>
    [OneWay] Task TargetRemoved(string unitId, string by);
    /// <summary>
    /// A schedule: hands out the instances of the period now due (or of <paramref name="period"/>,
    /// the demo's earlier one); answers the period it has handed out last (null: none, or not a schedule).
    /// </summary>
    Task<string?> Turn(string? period = null);
    /// <summary>
    /// A schedule joins the period change <paramref name="turn"/>: the period now due becomes its
    /// goal, which the turn hands out; answers that goal and its shard count (also when it joined
    /// before and is still at work), null when nothing is due.
    /// </summary>
    Task<TurnShare?> JoinTurn(string turn);
    /// <summary>A schedule whose targets follow the tree: units that came to match get the current instance.</summary>
    Task Follow();
    /// <summary>A finding with its task as its unit reported it (the state brought up to that report first); null when no such finding.</summary>
    Task<FindingView?> Finding();
    /// <summary>A finding awaiting confirmation closes (销号): its task is locked. Conflict in any other state.</summary>
    Task<Result<FindingView>> Confirm(string note, string by, string? byName);
    /// <summary>A finding awaiting confirmation is sent back: open, its task inProgress at <paramref name="progress"/>. Conflict in any other state.</summary>
    Task<Result<FindingView>> Reopen(string note, int progress, string by, string? byName);
    /// <summary>A finding's text (the task's title: its first 200 characters) and due date; Conflict once closed.</summary>
    Task<Result<FindingView>> PatchFinding(string? text, DateOnly? due, string by, string? byName);
    /// <summary>A finding's task was written by its unit: the state follows it at once. One-way.</summary>
    [OneWay] Task FindingCopy(CopyReport report);
    /// <summary>Continues unfinished work after a restart.</summary>
    [OneWay] Task Resume();
}
