using Cascade.Audit;
using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Time;
using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// A directive's owner (docs/architecture.md "Directives"): the record and its version, the
/// shards that hold its targets, and which of them still have work. Every change is stored
/// here first, then given to the shards as their goal; the shards bring each copy to it.
/// </summary>
public sealed partial class DirectiveGrain(
    [PersistentState("directive", StorageNames.Default)] IPersistentState<DirectiveOwnerState> state,
    DomainClock clock, Microsoft.Extensions.Options.IOptions<HealthOptions> health,
    Microsoft.Extensions.Options.IOptions<DirectiveOptions> options) : Grain, IDirectiveGrain
{
    private const int Named = 5;

    private string Id => this.GetPrimaryKeyString();
    private DirectiveOwnerState S => state.State;
    private IDirectiveShardGrain Shard(int n) => GrainFactory.GetGrain<IDirectiveShardGrain>(IDirectiveShardGrain.Key(Id, n));
    private IEnumerable<IDirectiveShardGrain> AllShards => Enumerable.Range(0, S.Shards).Select(Shard);
    private static IDirectiveIndexGrain Index(IGrainFactory f) => f.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key);

    public async Task<Result<DirectiveView>> Create(DirectiveDraft draft, IReadOnlyList<string> targets, string by, string? byName, int syncTargets)
    {
        if (S.Directive is { } stored)
            return draft.SameAs(stored) && !S.Deleting && S.CreatedWith == DirectiveOwnerState.Digest(targets)
                ? Result<DirectiveView>.Ok(await View())
                : Result<DirectiveView>.Conflict($"Directive '{Id}' already exists with other values.");
        var chunks = targets.Chunk(IDirectiveShardGrain.Capacity).ToList();
        var directive = DirectiveRules.Create(draft, clock.Now, by, byName);
        if (directive.Recurrence is not null) directive = FirstPeriod(directive);
        if (await Refusal(chunks, Probe(directive)) is { } refused) return refused;
        await Index(GrainFactory).Register(Id, directive.IssuerUnitId, directive.Recurrence?.Every, directive.Recurrence?.Current);
        if (directive.Finding is { } finding) await Index(GrainFactory).PutFinding(Id, FindingRow.Of(finding));
        var goal = Deployable(directive) ? Goal(directive, by, byName) : null;
        await Task.WhenAll(chunks.Select((chunk, n) => Shard(n).Assign(chunk, goal is null ? null : goal with { Shard = n })));
        S.Directive = directive;
        S.Shards = chunks.Count;
        S.CreatedWith = DirectiveOwnerState.Digest(targets);
        S.GoalVersion = directive.Version;
        S.Busy = [.. Enumerable.Range(0, chunks.Count)];
        await state.WriteStateAsync();
        await Audit(AuditActions.DirectiveCreate, by, null, DirectiveSnapshots.Of(directive));
        await Run(targets.Count <= syncTargets);
        var view = await View();
        return S.Busy.Count == 0 ? Result<DirectiveView>.Created(view) : Result<DirectiveView>.Ok(view);
    }

    public async Task<DirectiveView?> Get() => S.Directive is null || S.Deleting ? null : await View();

    public async Task<Result<DirectiveView>> Patch(DirectivePatch patch, string? ifMatch, string by, string? byName, int syncTargets)
    {
        if (S.Directive is not { } stored || S.Deleting) return Missing<DirectiveView>();
        var applied = DirectiveRules.Apply(stored, patch);
        if (!applied.Succeeded) return applied.As<DirectiveView>();
        if (ifMatch is not null && !ETagMatches(ifMatch, stored.Version))
            return new(Outcome.PreconditionFailed, await View(), $"The directive is at version {stored.Version}; reload it and apply your change again.");
        if (DirectiveRules.SameContent(applied.Value!, stored)) return Result<DirectiveView>.Ok(await View());
        var next = applied.Value! with { Version = stored.Version + 1, UpdatedAt = clock.Now, UpdatedBy = by, UpdatedByName = byName };
        await ChangeGoal(next, Goal(next, by, byName));
        await Audit(AuditActions.DirectiveUpdate, by, DirectiveSnapshots.Of(stored), DirectiveSnapshots.Of(next));
        await Run(await Targets() <= syncTargets);
        return Result<DirectiveView>.Ok(await View());
    }

    public async Task<Result<DirectiveView>> AddTargets(IReadOnlyList<string> targets, string by, string? byName, int syncTargets)
    {
        if (S.Directive is not { } stored || S.Deleting) return Missing<DirectiveView>();
        var counts = await Task.WhenAll(AllShards.Select(s => s.TargetCount()));
        var already = (await Task.WhenAll(targets.Select(async t => (t, held: await HeldBy(t))))).Where(x => x.held).Select(x => x.t).ToList();
        if (already.Count > 0) return Result<DirectiveView>.Conflict($"Already targets of directive '{Id}': {TargetResolver.List(already)}.");
        if (counts.Sum() + targets.Count > TargetResolver.MaxTargets)
            return Result<DirectiveView>.Invalid("targets", $"A directive reaches at most {TargetResolver.MaxTargets} targets.");
        // Fill the last shard, then open new ones.
        var placements = new List<(int Shard, string[] Units)>();
        var rest = targets.ToList();
        var last = S.Shards - 1;
        if (last >= 0 && counts[last] < IDirectiveShardGrain.Capacity)
        {
            var room = IDirectiveShardGrain.Capacity - counts[last];
            placements.Add((last, rest.Take(room).ToArray()));
            rest = rest.Skip(room).ToList();
        }
        var next = S.Shards;
        foreach (var chunk in rest.Chunk(IDirectiveShardGrain.Capacity)) placements.Add((next++, chunk));
        if (await Refusal(placements.Select(p => p.Units).ToList(), Probe(stored)) is { } refused) return refused;
        var version = stored with { Version = stored.Version + 1, UpdatedAt = clock.Now, UpdatedBy = by, UpdatedByName = byName };
        var goal = Deployable(version) ? Goal(version, by, byName) : null;
        await Task.WhenAll(placements.Select(p => Shard(p.Shard).Assign(p.Units, goal is null ? null : goal with { Shard = p.Shard })));
        S.Directive = version with { State = DirectiveState.Deploying };
        S.Shards = next;
        S.Busy = [.. S.Busy.Union(placements.Select(p => p.Shard))];
        await state.WriteStateAsync();
        await Audit(AuditActions.DirectiveTargets, by, null, DirectiveSnapshots.Targets(targets));
        await Run(targets.Count <= syncTargets);
        return Result<DirectiveView>.Ok(await View());
    }

    public async Task<Result<DirectiveView>> Withdraw(string unitId, string by, string? byName)
    {
        if (S.Directive is null || S.Deleting) return Missing<DirectiveView>();
        foreach (var shard in AllShards)
            if (await shard.Withdraw(unitId, by, byName))
            {
                await Exclude(unitId);
                await Audit(AuditActions.DirectiveTargets, by, DirectiveSnapshots.Targets([unitId]), null);
                return Result<DirectiveView>.Ok(await View());
            }
        return Result<DirectiveView>.NotFound($"Unit '{unitId}' is not a target of directive '{Id}'.");
    }

    public async Task<Result<bool>> Delete(string by, string? byName, int syncTargets)
    {
        if (S.Directive is not { } stored || S.Deleting) return Missing<bool>();
        var gone = stored with { Version = stored.Version + 1, UpdatedAt = clock.Now, UpdatedBy = by, UpdatedByName = byName };
        S.Deleting = true;
        // A directive's copies are withdrawn; a schedule's instances stay as the units' own tasks.
        await ChangeGoal(gone, Goal(gone, by, byName) with { Withdraw = !gone.IsSchedule, Release = gone.IsSchedule });
        await Audit(AuditActions.DirectiveDelete, by, DirectiveSnapshots.Of(stored), null);
        await Run(await Targets() <= syncTargets);
        return S.Busy.Count == 0 ? Result<bool>.Ok(true) : Result<bool>.Created(false);
    }

    public async Task<IReadOnlyList<CopyRow>?> Copies(CopyFilter filter, string? after, int limit)
    {
        if (S.Directive is null || S.Deleting) return null;
        var pages = await Task.WhenAll(AllShards.Select(s => s.Copies(filter, after, limit)));
        return pages.SelectMany(p => p).OrderBy(r => r.UnitId, StringComparer.Ordinal).Take(limit).ToList();
    }

    public Task TargetRemoved(string unitId, string by) =>
        S.Directive is null || S.Deleting ? Task.CompletedTask : Audit(AuditActions.DirectiveTargets, by, DirectiveSnapshots.Targets([unitId]), null);

    private async Task<bool> HeldBy(string unitId)
    {
        foreach (var shard in AllShards)
            if (await shard.Holds(unitId)) return true;
        return false;
    }

    private static bool ETagMatches(string ifMatch, long version) =>
        ifMatch.Split(',').Select(v => v.Trim()).Any(v => v == "*" || v == $"\"{version}\"");

    private Result<T> Missing<T>() => Result<T>.NotFound($"Directive '{Id}' does not exist.");

    private async Task<int> Targets() => (await Task.WhenAll(AllShards.Select(s => s.TargetCount()))).Sum();

    private static CopyOrder Goal(Directive d, string by, string? byName) =>
        new(d.Id, d.IssuerUnitId, 0, d.Version, d.Owned, d.Tags, by, byName, Period: d.Recurrence?.Current,
            Finding: d.IsFinding, Lock: d.Finding?.State == FindingState.Closed,
            Reopen: d.Finding is { } f && f.ReopenVersion == d.Version ? f.ReopenProgress : null);

    /// <summary>A directive always has copies to place; a schedule once its first period has come.</summary>
    private static bool Deployable(Directive d) => d.Recurrence is not { Current: null };

    /// <summary>What a target is checked against: the copy it would get (a schedule's next instance).</summary>
    private static CopyOrder Probe(Directive d) =>
        Goal(d, "", null) with { Period = d.Recurrence is { } r ? r.Current ?? r.From : null };

    /// <summary>The first targets (of every chunk, checked in parallel) that cannot take the copy: a 409 naming them.</summary>
    private async Task<Result<DirectiveView>?> Refusal(IReadOnlyList<string[]> chunks, CopyOrder probe)
    {
        var failed = (await Task.WhenAll(chunks.Select((chunk, n) => Shard(n).Check(probe, chunk, Named)))).SelectMany(f => f).Take(Named).ToList();
        if (failed.Count == 0) return null;
        return Result<DirectiveView>.Conflict("These targets cannot take the directive's copy: "
            + string.Join(", ", failed.Select(f => $"'{f.UnitId}' ({f.Reason})")) + ". Nothing was created.");
    }

    private Task Audit(string action, string by, string? before, string? after) =>
        GrainFactory.GetGrain<IUnitGrain>(S.Directive!.IssuerUnitId).RecordDirective(new AuditStamp(by, clock.Now), action, Id, before, after);
}
