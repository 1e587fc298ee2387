using Cascade.Audit;
using Cascade.Directives;
using Cascade.Schedules;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Web.Demo;

/// <summary>
/// The demo's schedules (docs/domain.md "Schedules"): 机关党委 holds every branch below it to the
/// usual organisational life, 支部委员会, 党小组会 and 主题党日 every month, 党员大会 and 党课 every
/// quarter ("严格落实“三会一课”等组织生活制度、创新主题党日"). Each is created through its owner as
/// the API does, from the previous period; the previous period's instances are handed out, then
/// the current one's, and the branches report them held: most of the last period's (late branches
/// leave some undone, now overdue), and this period's in proportion to how much of it has passed.
/// </summary>
public static class DemoSchedules
{
    private const string Meetings = "三会一课";
    private const string ThemeDay = "主题党日";

    private sealed record Usual(string Id, string Title, Cadence Every, string[] Tags, string Note);

    private static readonly Usual[] All =
    [
        new("rc-zbwyh", "支部委员会", Cadence.Month, [Meetings],
            "支部委员会每月召开一次，研究支部工作，落实“三会一课”等组织生活制度。"),
        new("rc-dxzh", "党小组会", Cadence.Month, [Meetings],
            "党小组每月召开一次党小组会，组织党员学习、交流思想。"),
        new("rc-ztdr", "主题党日", Cadence.Month, [ThemeDay],
            "每月开展一次主题党日，创新形式、融入科技特色，着力提升组织生活质量。"),
        new("rc-dydh", "党员大会", Cadence.Quarter, [Meetings],
            "支部党员大会每季度召开一次，讨论决定支部重要事项。"),
        new("rc-dk", "党课", Cadence.Quarter, [Meetings],
            "每季度讲一次党课，支部书记带头讲，可结合业务开展党课进企业、讲堂在田间。"),
    ];

    /// <summary>The demo's schedule ids, in the order they are issued.</summary>
    public static IReadOnlyList<string> Ids => [.. All.Select(u => u.Id)];

    /// <summary>Issues the five schedules to every branch under 机关党委; answers the instances handed out.</summary>
    public static async Task<int> IssueAsync(IGrainFactory grains, DateOnly today)
    {
        var units = await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        var spec = new TargetSpec(null, DemoOrganization.CommitteeId, [UnitKind.Branch]);
        var resolved = TargetResolver.Resolve(DemoOrganization.CommitteeId, spec, units);
        if (!resolved.Succeeded) throw new InvalidOperationException($"The demo schedules have no targets: {resolved.Detail}");
        var targets = resolved.Value!;
        var instances = 0;
        for (var s = 0; s < All.Length; s++)
        {
            var usual = All[s];
            var current = Period.Of(usual.Every, today);
            var previous = current.Previous();
            var recurrence = new Recurrence
            {
                Every = usual.Every, DueDay = 0, From = previous.Name,
                Under = spec.Under, Kinds = [.. spec.Kinds!],
            };
            var draft = new DirectiveDraft(usual.Id, DemoOrganization.CommitteeId, usual.Title, Track.Party, 1, default, default,
                usual.Note, usual.Tags, Expectation.AtDue, recurrence);
            var owner = grains.GetGrain<IDirectiveGrain>(usual.Id);
            var created = await owner.Create(draft, targets, AuditActions.System, null, targets.Count);
            if (!created.Succeeded) throw new InvalidOperationException($"Creating the demo schedule {usual.Id} failed: {created.Detail}");
            // The last period's instances, then back to this one's (as the schedule clock would have handed them out).
            await owner.Turn(previous.Name);
            await owner.Turn();
            for (var i = 0; i < targets.Count; i++)
            {
                var unitId = targets[i];
                if (HeldLast(unitId, i, s)) await Hold(grains, unitId, ScheduleRules.InstanceId(usual.Id, previous.Name));
                if (HeldNow(unitId, i, s, current, today)) await Hold(grains, unitId, ScheduleRules.InstanceId(usual.Id, current.Name));
            }
            instances += 2 * targets.Count;
        }
        return instances;
    }

    /// <summary>Last period: every branch held it, except some duties of late branches and one in five of those behind.</summary>
    private static bool HeldLast(string unitId, int i, int s) =>
        DemoOrganization.IsLate(unitId) ? (i + s) % 2 == 1
        : !DemoOrganization.IsBehind(unitId) || (i + s) % 5 != 0;

    /// <summary>This period: held by a share of branches that grows with the part of the period gone by (less for those behind or late).</summary>
    private static bool HeldNow(string unitId, int i, int s, Period current, DateOnly today)
    {
        var gone = (today.DayNumber - current.First.DayNumber + 1) / (double)(current.Last.DayNumber - current.First.DayNumber + 1);
        var pace = DemoOrganization.IsLate(unitId) ? 0.3 : DemoOrganization.IsBehind(unitId) ? 0.6 : 1.0;
        return (i * 7 + s * 3) % 10 < gone * pace * 10;
    }

    private static async Task Hold(IGrainFactory grains, string unitId, string instanceId)
    {
        var patched = await grains.GetGrain<IUnitGrain>(unitId).PatchTask(instanceId, new TaskPatch { Status = TaskItemStatus.Done, Progress = 100 }, null, AuditActions.System);
        if (!patched.Succeeded) throw new InvalidOperationException($"Holding {instanceId} in {unitId} failed: {patched.Detail}");
    }
}
