using Cascade.Audit;
using Cascade.Directives;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Web.Demo;

/// <summary>
/// The demo's directives (部署/交办): 机关党委 hands three pieces of work to its branches, at
/// different stages: a study most branches have finished (two late), a quarter's self-inspection
/// under way (one branch blocked), and next year's report just issued. Issued through the
/// directive owner as the API does, then reported through each branch's copy.
/// </summary>
public static class DemoDirectives
{
    public const string StudyId = "jb-ztjy";
    public const string InspectionId = "jb-dczc";
    public const string ReportId = "jb-szpy";

    /// <summary>A copy's report: the status and progress a branch gave it.</summary>
    private sealed record Report(TaskItemStatus Status, int Progress);

    public static async Task<int> IssueAsync(IGrainFactory grains, DateOnly today)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var units = await organization.ListUnits(null) ?? [];
        // Every branch below the committee that already has work of its own (离退休干部党支部 has none yet).
        var targets = DemoOrganization.ActiveBranchIds();
        var drafts = new (DirectiveDraft Draft, Func<int, string, Report> Report)[]
        {
            (new(StudyId, DemoOrganization.CommitteeId, "主题教育专题学习", Track.Party, 2, today.AddDays(-45), today.AddDays(-3),
                "各支部组织党员围绕主题教育开展专题学习，形成学习记录和心得体会，按期报送。", ["区直机关党建要点"]),
                (i, id) => DemoOrganization.IsLate(id) ? new(TaskItemStatus.InProgress, 60 + i % 3 * 10) : new(TaskItemStatus.Done, 100)),
            (new(InspectionId, DemoOrganization.CommitteeId, $"第{DemoOrganization.Quarter(today)}季度督查自查", Track.Business, 1, today.AddDays(-20), today.AddDays(12),
                "对照督查清单逐项自查，查摆问题、列出整改措施，自查报告报机关党委。", []),
                (i, id) => DemoOrganization.IsBehind(id) && i % 2 == 0 ? new(TaskItemStatus.Blocked, 20)
                    : i % 4 == 0 ? new(TaskItemStatus.Done, 100)
                    : i % 4 == 3 ? new(TaskItemStatus.NotStarted, 0)
                    : new(TaskItemStatus.InProgress, 40 + i % 5 * 10)),
            (new(ReportId, DemoOrganization.CommitteeId, $"{today.Year}年度述职评议材料准备", Track.Party, 1, today, today.AddDays(40),
                "准备支部书记抓基层党建述职评议材料。", ["效能目标考核"]),
                (_, _) => new(TaskItemStatus.NotStarted, 0)),
        };
        var copies = 0;
        foreach (var (draft, report) in drafts)
        {
            var resolved = TargetResolver.Resolve(draft.IssuerUnitId, new TargetSpec(targets, null, null), units);
            if (!resolved.Succeeded) throw new InvalidOperationException($"The demo directive {draft.Id} has no targets: {resolved.Detail}");
            var created = await grains.GetGrain<IDirectiveGrain>(draft.Id).Create(draft, resolved.Value!, AuditActions.System, null, resolved.Value!.Count);
            if (!created.Succeeded) throw new InvalidOperationException($"Issuing the demo directive {draft.Id} failed: {created.Detail}");
            for (var i = 0; i < resolved.Value.Count; i++)
            {
                var unitId = resolved.Value[i];
                var (status, progress) = report(i, unitId);
                if (status == TaskItemStatus.NotStarted) continue;
                var patched = await grains.GetGrain<IUnitGrain>(unitId).PatchTask(draft.Id, new TaskPatch { Status = status, Progress = progress }, null, AuditActions.System);
                if (!patched.Succeeded) throw new InvalidOperationException($"Reporting {draft.Id} for {unitId} failed: {patched.Detail}");
            }
            copies += resolved.Value.Count;
        }
        return copies;
    }
}
