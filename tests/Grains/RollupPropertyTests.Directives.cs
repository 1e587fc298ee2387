using Cascade.Directives;
using Cascade.Outcomes;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Grains;

/// <summary>
/// Directives in the random sequences: creates, target additions and withdrawals, owner edits,
/// and (through the task operations) copy reports, refused owned-field edits and refused
/// deletes. Afterwards every directive's roll-up equals a recomputation from its copies as the
/// units hold them, and every unit summary still equals the full recomputation.
/// </summary>
public abstract partial class RollupProperties
{
    private async Task ApplyDirective(Model model, int kind, int a, int b, int c)
    {
        var units = model.Parents.Keys.Order(StringComparer.Ordinal).ToList();
        List<string> Below(string issuer) => [.. units.Where(u => u != issuer && model.Within(u, issuer))];
        var directives = model.Directives.Keys.Order(StringComparer.Ordinal).ToList();
        switch (kind)
        {
            case 10 or 11:
            {
                var issuers = units.Where(u => Below(u).Count > 0).ToList();
                if (issuers.Count == 0) return;
                var issuer = issuers[a % issuers.Count];
                var below = Below(issuer);
                var targets = below.Where((u, i) => ((b >> (i % 16)) & 1) == 1 || i == b % below.Count).Order(StringComparer.Ordinal).ToList();
                var id = model.NewId("d");
                var start = new DateOnly(2026, 3, 1).AddDays(c % 200);
                var draft = new DirectiveDraft(id, issuer, "d", c % 2 == 0 ? Track.Party : Track.Business, c % 4 + 1, start, start.AddDays(b % 90), "", null);
                Check(Outcome.Created, await Owner(id).Create(draft, targets, "tester", null, syncTargets: 500), $"directive {id} from {issuer}");
                model.Directives[id] = (issuer, targets);
                await Refresh(model, id, targets);
                return;
            }
            case 12 when directives.Count > 0:
            {
                var id = directives[a % directives.Count];
                var (issuer, targets) = model.Directives[id];
                var free = Below(issuer).Where(u => !targets.Contains(u) && !model.TasksOf(u).Exists(t => t.Id == id)).ToList();
                if (free.Count == 0) return;
                var added = free[b % free.Count];
                Check(Outcome.Ok, await Owner(id).AddTargets([added], "tester", null, syncTargets: 500), $"add {added} to {id}");
                targets.Add(added);
                await Refresh(model, id, [added]);
                return;
            }
            case 13 when directives.Count > 0:
            {
                var id = directives[a % directives.Count];
                var targets = model.Directives[id].Targets;
                if (targets.Count == 0) return;
                var target = targets[b % targets.Count];
                Check(Outcome.Ok, await Owner(id).Withdraw(target, "tester", null), $"withdraw {target} from {id}");
                targets.Remove(target);
                model.TasksOf(target).RemoveAll(t => t.Id == id);
                return;
            }
            case 15:
            {
                // A schedule's instance handed to a unit (as a schedule's shard hands it): of last, this
                // or next month, due on a day of it, expected at its due date; counted in duties while
                // its month holds today. Repeated, it is the same instance.
                var unit = units[a % units.Count];
                var period = Cascade.Schedules.Period.Of(Cascade.Schedules.Cadence.Month, Today).AddMonths(b % 3 - 1);
                var owned = new CopyFields("支部委员会", Track.Party, c % 3 + 1, period.First, period.Due(c % 2 == 0 ? 0 : c % 31 + 1), Expectation.AtDue);
                var order = new CopyOrder($"s{c % 3}", model.Top, 0, 1, owned, null, "tester", null, Period: period.Name);
                var receipt = await cluster.Unit(unit).ReceiveCopy(order);
                Assert.True(receipt.Outcome is CopyOutcome.Created or CopyOutcome.Unchanged or CopyOutcome.TaskLimit, $"instance {order.TaskId} in {unit}: {receipt.Outcome}");
                if (receipt.Outcome == CopyOutcome.TaskLimit) return;
                if (b % 2 == 0) Check(Outcome.Ok, await cluster.Unit(unit).PatchTask(order.TaskId, new TaskPatch { Status = TaskItemStatus.Done }, null, null), $"hold {order.TaskId}");
                await Refresh(model, order.TaskId, [unit]);
                return;
            }
            case 14 when directives.Count > 0:
            {
                var id = directives[a % directives.Count];
                var view = (await Owner(id).Get())!;
                var patch = new DirectivePatch(b % 3 == 0 ? $"d{c}" : null, b % 3 == 1 ? c % 5 + 0.5 : null, null, view.Directive.Start.AddDays(c % 120), null);
                Check(Outcome.Ok, await Owner(id).Patch(patch, null, "tester", null, syncTargets: 500), $"patch {id}");
                await Refresh(model, id, model.Directives[id].Targets);
                return;
            }
        }
    }

    private IDirectiveGrain Owner(string id) => cluster.Grains.GetGrain<IDirectiveGrain>(id);

    /// <summary>The model takes the copies as their units now hold them.</summary>
    private async Task Refresh(Model model, string id, IEnumerable<string> targets)
    {
        foreach (var target in targets)
        {
            var copy = await cluster.Unit(target).GetTask(id);
            Assert.True(copy.Succeeded, $"{target} holds no copy of {id}");
            var list = model.TasksOf(target);
            list.RemoveAll(t => t.Id == id);
            list.Add(copy.Value!);
        }
    }

    private async Task AssertDirectivesConverged(Model model)
    {
        var clock = cluster.SiloServices.GetRequiredService<Cascade.Time.DomainClock>();
        var now = cluster.Clock.GetUtcNow();
        var differences = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            differences.Clear();
            foreach (var (id, (_, targets)) in model.Directives)
            {
                var copies = targets.Select(t => model.TasksOf(t).Single(x => x.Id == id)).ToList();
                var view = await Owner(id).Get();
                if (view is null) { differences.Add($"{id}: gone"); continue; }
                var r = view.Rollup;
                var figures = copies.Select(t => RollupMath.Of(t, now, clock)).ToList();
                void Same<T>(string what, T want, T got) { if (!EqualityComparer<T>.Default.Equals(want, got)) differences.Add($"{id} {what}: want {want}, got {got}"); }
                Same("targets", copies.Count, r.Targets);
                Same("targetCount", copies.Count, view.TargetCount);
                Same("doneUnits", copies.Count(t => t.Status == TaskItemStatus.Done), r.DoneUnits);
                Same("notStartedUnits", copies.Count(t => t.Status == TaskItemStatus.NotStarted), r.NotStartedUnits);
                Same("overdueUnits", figures.Sum(f => f.Overdue), r.OverdueUnits);
                Same("blocked", copies.Count(t => t.Status == TaskItemStatus.Blocked), r.All.Blocked);
                Same("stale", figures.Sum(f => f.Stale), r.All.Stale);
                if (Math.Abs(copies.Sum(t => t.Weight) - r.All.Weight) > 1e-9) differences.Add($"{id} weight");
                if (Math.Abs(copies.Sum(t => t.Weight * t.Progress / 100.0) - r.All.ProgressWeight) > 1e-9) differences.Add($"{id} progress");
                if (Math.Abs(figures.Sum(f => f.ExpectedWeight) - r.All.ExpectedWeight) > 1e-9) differences.Add($"{id} expected");
            }
            if (differences.Count == 0) return;
            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail(string.Join("\n", differences.Take(20)));
    }
}
