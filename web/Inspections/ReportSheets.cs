using Cascade.Inspections;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Web.Excel;

namespace Cascade.Web.Inspections;

/// <summary>
/// The rows of an inspection's report (docs/api.md "Inspections", <c>report.xlsx</c>): 汇总, 任务台账
/// (the task export's columns, docs/api.md "Excel", plus 逾期 as of <c>takenAt</c>), 预警 (the
/// ledger's columns) and 对比. Fractions are written as the API answers them (0.4 is 40%), shown
/// as percentages by the cells' format; the health in the wall's words.
/// </summary>
public static class ReportSheets
{
    public const string Summaries = "汇总";
    public const string Tasks = "任务台账";
    public const string Alerts = "预警";
    public const string Comparison = "对比";

    public const string UnitId = "单位编号";
    public const string Unit = "单位";
    public const string Level = "层级";
    public const string Health = "健康";
    public const string Progress = "总体进度";
    public const string Expected = "应达进度";
    public const string Lag = "进度落后";
    public const string Count = "任务数";
    public const string Done = "完成";
    public const string Overdue = "逾期";
    public const string Blocked = "受阻";
    public const string Stale = "久未更新";
    public const string OpenAlerts = "未解除预警";
    public const string Note = "说明";
    public const string Previous = "上次督查";

    /// <summary>The compared figures, each as 上次 (the previous inspection), 本次 (this one) and 变化 (本次 - 上次).</summary>
    public static readonly string[] Compared = [Progress, Expected, Lag, Count, Done, Overdue, Blocked];

    public static readonly IReadOnlyDictionary<Health, string> Healths = new Dictionary<Health, string>
    {
        [Rollup.Health.Green] = "正常", [Rollup.Health.Amber] = "关注", [Rollup.Health.Red] = "滞后", [Rollup.Health.None] = "无任务",
    };

    /// <summary>The headings whose cells hold fractions (shown as percentages).</summary>
    public static IEnumerable<string> Fractions() =>
        new[] { Progress, Expected, Lag }.Concat(new[] { Progress, Expected, Lag }.SelectMany(f => new[] { Before(f), After(f), Change(f) }));

    public static string Before(string figure) => $"上次{figure}";

    public static string After(string figure) => $"本次{figure}";

    public static string Change(string figure) => $"{figure}变化";

    /// <summary>One row per frozen unit, in the frozen order: its frozen summary's <c>all</c> figures.</summary>
    public static IEnumerable<IDictionary<string, object?>> SummaryRows(IReadOnlyList<FrozenUnit> rows, IReadOnlyDictionary<string, string> paths, DateTimeOffset takenAt, int topDepth)
    {
        foreach (var row in rows)
        {
            var s = row.SummaryAt(takenAt);
            yield return new Dictionary<string, object?>(13)
            {
                [UnitId] = row.UnitId,
                [Unit] = paths.GetValueOrDefault(row.UnitId, row.Name),
                [Level] = row.Depth - topDepth,
                [Health] = Healths[s.Health],
                [Progress] = Round(s.All.Progress),
                [Expected] = Round(s.All.Expected),
                [Lag] = Round(s.Lag),
                [Count] = s.All.Count,
                [Done] = s.All.Done,
                [Overdue] = s.All.Overdue,
                [Blocked] = s.All.Blocked,
                [Stale] = s.All.Stale,
                [OpenAlerts] = s.OpenAlerts,
            };
        }
    }

    /// <summary>One unit's frozen tasks: the task export's row, with 逾期 (是/否) as of <paramref name="takenAt"/>.</summary>
    public static IEnumerable<IDictionary<string, object?>> TaskRows(string unitId, string unitPath, IEnumerable<TaskItem> tasks, DateTimeOffset takenAt, DomainClock clock)
    {
        foreach (var task in tasks)
        {
            var row = TaskSheet.Row(unitId, unitPath, task);
            row[Overdue] = RollupMath.Of(task, takenAt, clock).Overdue == 1 ? "是" : "否";
            yield return row;
        }
    }

    /// <summary>
    /// The comparison's rows (<paramref name="previous"/>, the previous inspection, against this one),
    /// each naming the previous inspection; one row that says why when there is nothing to compare with.
    /// </summary>
    public static IEnumerable<IDictionary<string, object?>> ComparisonRows(IReadOnlyList<ComparedUnit>? units, string previous)
    {
        if (units is null)
        {
            yield return new Dictionary<string, object?> { [UnitId] = "", [Unit] = "", [Note] = previous };
            yield break;
        }
        foreach (var u in units)
        {
            var row = new Dictionary<string, object?>(26) { [UnitId] = u.UnitId, [Unit] = u.Name, [Previous] = previous };
            row[Before(Health)] = u.HealthFrom is { } a ? Healths[a] : "";
            row[After(Health)] = u.HealthTo is { } b ? Healths[b] : "";
            Add(row, Progress, u.From?.Progress, u.To?.Progress, u.Delta.Progress);
            Add(row, Expected, u.From?.Expected, u.To?.Expected, u.Delta.Expected);
            Add(row, Lag, u.From?.Lag, u.To?.Lag, u.Delta.Lag);
            Add(row, Count, u.From?.Count, u.To?.Count, u.Delta.Count);
            Add(row, Done, u.From?.Done, u.To?.Done, u.Delta.Done);
            Add(row, Overdue, u.From?.Overdue, u.To?.Overdue, u.Delta.Overdue);
            Add(row, Blocked, u.From?.Blocked, u.To?.Blocked, u.Delta.Blocked);
            row[Note] = u.From is null ? "上次督查时不在范围内" : u.To is null ? "本次督查时不在范围内" : "";
            yield return row;
        }
    }

    private static void Add(Dictionary<string, object?> row, string figure, double? before, double? after, double? change)
    {
        row[Before(figure)] = Round(before);
        row[After(figure)] = Round(after);
        row[Change(figure)] = Round(change);
    }

    private static void Add(Dictionary<string, object?> row, string figure, int? before, int? after, int? change)
    {
        row[Before(figure)] = before;
        row[After(figure)] = after;
        row[Change(figure)] = change;
    }

    /// <summary>Four decimals, as the API's fractions.</summary>
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
