using Cascade.Audit;
using Cascade.Schedules;
using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// A schedule's side of the owner (docs/architecture.md "Schedules"): at each new period the
/// goal becomes that period's instance, which the shards hand every target as they hand out any
/// change; targets named by a subtree follow the tree.
/// </summary>
public sealed partial class DirectiveGrain
{
    /// <summary>A new schedule's first window: the current period when it is within from..until, else from's (nothing handed out yet).</summary>
    private Directive FirstPeriod(Directive d)
    {
        if (ScheduleRules.Due(d, clock.Today) is { } now) return ScheduleRules.InPeriod(d, now);
        var shown = ScheduleRules.InPeriod(d, d.Recurrence!.FromPeriod);
        return shown with { Recurrence = shown.Recurrence! with { Current = null } };
    }

    public async Task<string?> Turn(string? period)
    {
        await Hand(period, turn: null);
        return S.Directive?.Recurrence?.Current;
    }

    public async Task<TurnShare?> JoinTurn(string turn)
    {
        if (await Hand(null, turn)) return new(Goal(S.Directive!, AuditActions.System, null), S.Shards);
        // Joined before (the turn is resuming): its goal is still this period's, still at work.
        return S.Directive is { Recurrence.Current: { } current } d && S.Busy.Count > 0 && !S.Deleting
            && current == Period.Of(d.Recurrence.Every, clock.Today).Name
            ? new(Goal(d, AuditActions.System, null), S.Shards) : null;
    }

    /// <summary>
    /// Makes the period now due (or <paramref name="period"/>, the demo's earlier one) the goal:
    /// handed out by the shards themselves, or by the period change <paramref name="turn"/> (true:
    /// a period was due and the change hands it out). The index hears which period this schedule has seen.
    /// </summary>
    private async Task<bool> Hand(string? period, string? turn)
    {
        if (S.Directive is not { Recurrence: { } r } d || S.Deleting) return false;
        var due = period is null ? ScheduleRules.Due(d, clock.Today)
            : Period.TryParse(period, r.Every, out var asked) && asked.Name != r.Current ? asked : null;
        var viaTurn = due is not null && turn is not null && S.Shards > 0; // no targets: nothing for a change to walk
        if (due is { } p)
        {
            var next = ScheduleRules.InPeriod(d, p) with { Version = d.Version + 1, State = DirectiveState.Deploying };
            await ChangeGoal(next, Goal(next, AuditActions.System, null), viaTurn ? turn : null);
            if (!viaTurn) await Run(await Targets() <= options.Value.SyncTargets);
            await Follow();
        }
        await Index(GrainFactory).Seen(Id, Period.Of(r.Every, clock.Today).Name);
        return viaTurn;
    }

    /// <summary>Targets named by <c>under</c>/<c>kinds</c> that the tree now has and the schedule does not get the current instance.</summary>
    public async Task Follow()
    {
        if (S.Directive is not { Recurrence: { Under: { } under } r } d || S.Deleting || r.Current is null) return;
        var units = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        var resolved = TargetResolver.Resolve(d.IssuerUnitId, new TargetSpec(null, under, r.Kinds), units);
        if (!resolved.Succeeded) return; // the subtree is gone or empty: nothing new to reach
        var held = (await Task.WhenAll(AllShards.Select(s => s.Units()))).SelectMany(u => u).ToHashSet(StringComparer.Ordinal);
        var excluded = r.Excluded ?? [];
        var newcomers = resolved.Value!.Where(u => !held.Contains(u) && Array.IndexOf(excluded, u) < 0).ToList();
        if (newcomers.Count == 0) return;
        await AddTargets(newcomers, AuditActions.System, null, options.Value.SyncTargets);
    }

    public async Task<IReadOnlyList<CopyRow>?> Instances(string period, CopyFilter filter, string? after, int limit)
    {
        if (S.Directive is not { Recurrence: { } r } || S.Deleting) return null;
        if (period == r.Current) return await Copies(filter, after, limit);
        if (r.Current is null || !Period.TryParse(period, r.Every, out var p) || p.CompareTo(Period.TryParse(r.Current, r.Every, out var c) ? c : p) > 0) return [];
        var pages = await Task.WhenAll(AllShards.Select(s => s.Earlier(period, filter, after, limit)));
        return pages.SelectMany(x => x).OrderBy(x => x.UnitId, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>A target withdrawn by hand stays out when the schedule follows the tree.</summary>
    private async Task Exclude(string unitId)
    {
        if (S.Directive is not { Recurrence: { Under: not null } r } d) return;
        S.Directive = d with { Recurrence = r with { Excluded = [.. r.Excluded ?? [], unitId] } };
        await state.WriteStateAsync();
    }
}
