using Cascade.Bench.Shared;
using Cascade.Tasks;

namespace Cascade.Bench.Inspect;

/// <summary>
/// The province's tasks as <see cref="TreePlan.TasksOf"/> plans them, titled as a department's are:
/// about 20 Chinese characters (an action, a subject, 的, a kind of work: 8 x 12 x 8 titles, chosen
/// per task by a hash of its unit and index), notes left empty.
/// </summary>
public static class ChineseTitles
{
    private static readonly string[] Actions = ["深入推进", "全面落实", "扎实开展", "认真做好", "持续加强", "切实抓好", "统筹推进", "严格落实"];

    private static readonly string[] Subjects =
    [
        "党的二十大精神学习", "基层党组织标准化建设", "主题教育问题整改", "意识形态工作责任制", "党风廉政建设责任", "三会一课制度执行",
        "发展党员工作规范", "党员教育管理", "作风建设专项整治", "为基层减负", "巡察反馈问题整改", "党建引领基层治理",
    ];

    private static readonly string[] Works = ["年度重点任务", "第四季度推进事项", "专项督查工作", "整改落实清单", "规范化建设工作", "学习宣传活动安排", "述职评议材料准备", "台账资料整理归档"];

    public static string Of(int unit, int index)
    {
        var hash = (uint)HashCode.Combine(unit, index, 19);
        return $"{Actions[hash % 8]}{Subjects[hash / 8 % 12]}的{Works[hash / 96 % 8]}";
    }

    /// <summary>The plan's tasks of <paramref name="unit"/> with Chinese titles (the probe task keeps its own).</summary>
    public static List<TaskDraft> TasksOf(TreePlan plan, int unit)
    {
        var drafts = plan.TasksOf(unit);
        for (var k = 0; k < drafts.Count; k++)
            if (drafts[k].Id != TreePlan.ProbeTaskId) drafts[k] = drafts[k] with { Title = Of(unit, k), Note = "" };
        return drafts;
    }

    /// <summary>Mean title length in characters over a sample of the plan's tasks.</summary>
    public static double MeanLength(TreePlan plan) =>
        Enumerable.Range(0, Math.Min(plan.Units.Length, 1000)).SelectMany(u => TasksOf(plan, u)).Where(t => t.Id != TreePlan.ProbeTaskId).Average(t => t.Title.Length);
}
