using Cascade.Rollup;
using Cascade.Wall;

namespace Cascade.Directives;

/// <summary>The owner's side of the work: goals handed to shards, their completion, resumption, and the roll-up read and sent to walls.</summary>
public sealed partial class DirectiveGrain
{
    private static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(1);
    private DateTimeOffset _published = DateTimeOffset.MinValue;
    private IGrainTimer? _publish;

    /// <summary>
    /// The change stored here first (with every shard busy), then each shard's new goal: to reach
    /// by itself, or in the period change <paramref name="turn"/>.
    /// </summary>
    private async Task ChangeGoal(Directive next, CopyOrder goal, string? turn = null)
    {
        await Index(GrainFactory).SetBusy(Id, true);
        S.Directive = next;
        S.GoalVersion = next.Version;
        S.Busy = [.. Enumerable.Range(0, S.Shards)];
        await state.WriteStateAsync();
        await Task.WhenAll(Enumerable.Range(0, S.Shards).Select(n => turn is null
            ? Shard(n).SetGoal(goal with { Shard = n })
            : Shard(n).TurnTo(goal with { Shard = n }, turn)));
    }

    /// <summary>Runs the busy shards' work: before answering when <paramref name="now"/>, else in the background.</summary>
    private async Task Run(bool now)
    {
        if (!now)
        {
            foreach (var n in S.Busy) Shard(n).Start().Ignore();
            return;
        }
        var busy = S.Busy.ToList();
        var finished = await Task.WhenAll(busy.Select(n => Shard(n).RunNow()));
        S.Busy = [.. busy.Where((_, i) => !finished[i])];
        if (S.Busy.Count == 0) await Finish();
        else await state.WriteStateAsync(); // the rest is a period change's: its shards report done
    }

    public async Task ShardDone(int shard, long version)
    {
        if (S.Directive is null || version < S.GoalVersion || !S.Busy.Remove(shard)) return;
        if (S.Busy.Count == 0) await Finish();
        else await state.WriteStateAsync();
    }

    /// <summary>Every shard reached the goal: deployed, or (withdrawn) gone.</summary>
    private async Task Finish()
    {
        var directive = S.Directive!;
        if (S.Deleting)
        {
            if (!directive.IsSchedule && !directive.IsFinding) Publish(new DirectiveRow(directive.Id, directive.IssuerUnitId, directive.Title, directive.Track, directive.Due,
                0, 0, 0, null, null, Health.None, directive.Version, Removed: true));
            await state.ClearStateAsync();
            state.State = new();
            await Index(GrainFactory).Remove(Id);
            return;
        }
        S.Directive = directive with { State = DirectiveState.Deployed };
        await state.WriteStateAsync();
        await Index(GrainFactory).SetBusy(Id, false);
        await PublishRow();
    }

    public async Task Resume()
    {
        if (S.Directive is not { } d)
        {
            await Index(GrainFactory).Remove(Id);
            return;
        }
        if (S.Busy.Count == 0)
        {
            await Finish();
            return;
        }
        var goal = Goal(d, d.UpdatedBy ?? Cascade.Audit.AuditActions.System, d.UpdatedByName) with { Withdraw = S.Deleting };
        foreach (var n in S.Busy.ToList())
        {
            await Shard(n).SetGoal(goal with { Shard = n });
            Shard(n).Start().Ignore();
        }
    }

    public Task ShardChanged(int shard)
    {
        if (S.Directive is null || S.Deleting || _publish is not null) return Task.CompletedTask;
        var wait = _published + PublishEvery - clock.Now;
        if (wait <= TimeSpan.Zero) return PublishRow();
        _publish = this.RegisterGrainTimer(async () =>
        {
            _publish?.Dispose();
            _publish = null;
            await PublishRow();
        }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    /// <summary>The wall's 交办事项 panel shows directives; a schedule's duties show on the tiles instead.</summary>
    private async Task PublishRow()
    {
        if (S.Directive is null || S.Deleting || S.Directive.IsSchedule || S.Directive.IsFinding) return;
        _published = clock.Now;
        var view = await View();
        Publish(DirectiveRow.Of(view.Directive, view.TargetCount, view.Rollup, health.Value));
    }

    private void Publish(DirectiveRow row) =>
        GrainFactory.GetGrain<IWallFeedGrain>(WallPartitions.For(row.IssuerUnitId)).PublishDirective(row).Ignore();

    /// <summary>The directive with its copies' roll-up, read from every shard now.</summary>
    private async Task<DirectiveView> View()
    {
        var reports = await Task.WhenAll(AllShards.Select(s => s.Report()));
        var sum = reports.Aggregate(default(CopyTotals), (a, r) => a + r.Totals);
        return new(S.Directive!, reports.Sum(r => r.Targets), [.. reports.SelectMany(r => r.Failed).Take(1000)], sum, clock.Now);
    }

    /// <summary>The row the wall shows (health by the roll-up's rules).</summary>
    public async Task<DirectiveRow?> Row()
    {
        if (S.Directive is null || S.Deleting) return null;
        var view = await View();
        return DirectiveRow.Of(view.Directive, view.TargetCount, view.Rollup, health.Value);
    }
}
