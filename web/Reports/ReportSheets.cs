using Cascade.Reports;
using MiniExcelLibs;

namespace Cascade.Web.Reports;

/// <summary>
/// The year report as an xlsx workbook (docs/api.md "Year report"): one sheet per section, one row
/// per unit and figure, every value exactly the JSON's. Sheets: 任务 (tasks by track), 交办
/// (directives received), 定期任务 (schedule instances), 预警 (alerts raised by rule), 月度进度
/// (monthly progress against expected), 整改 (findings raised, closed, mean days to close), 标签 (the counts per tag).
/// </summary>
public static class ReportSheets
{
    public const string Tasks = "任务", Directives = "交办", Duties = "定期任务", Alerts = "预警", Months = "月度进度", Tags = "标签", Findings = "整改";

    /// <summary>The 类别 of a tasks row: a track, or both together.</summary>
    public const string Party = "党建", Business = "业务", All = "合计", DirectiveCopies = "交办";

    public static byte[] Write(YearReport report)
    {
        var sheets = new Dictionary<string, object>
        {
            [Tasks] = report.Rows.SelectMany(r => new[] { (Party, r.Tasks.Party), (Business, r.Tasks.Business), (All, r.Tasks.All) }
                .Select(t => Counts(r, t.Item1, t.Item2))).ToList(),
            [Directives] = report.Rows.Select(r => Counts(r, DirectiveCopies, r.Directives)).ToList(),
            [Duties] = report.Rows.SelectMany(r => r.Duties.Select(d => Unit(r, new()
            {
                ["日程编号"] = d.ScheduleId, ["名称"] = d.Title, ["应完成"] = d.Due, ["完成"] = d.Done, ["按期完成"] = d.DoneOnTime,
            }))).ToList(),
            [Alerts] = report.Rows.SelectMany(r => r.Alerts.Select(a => Unit(r, new()
            {
                ["规则"] = a.Rule, ["触发"] = a.Raised,
            }))).ToList(),
            [Months] = report.Rows.SelectMany(r => r.Months.Select(m => Unit(r, new()
            {
                ["月份"] = m.Month, ["时点"] = m.Day.ToString("yyyy-MM-dd"), ["进度"] = m.Progress, ["期望"] = m.Expected,
            }))).ToList(),
            [Findings] = report.Rows.Select(r => Unit(r, new()
            {
                ["发现问题"] = r.Findings.Raised, ["已销号"] = r.Findings.Closed, ["平均销号天数"] = r.Findings.MeanDaysToClose,
            })).ToList(),
            [Tags] = report.Rows.SelectMany(r => r.Tags.SelectMany(t =>
                new[] { (Party, t.Tasks.Party), (Business, t.Tasks.Business), (All, t.Tasks.All), (DirectiveCopies, t.Directives) }
                    .Select(c => Tagged(Counts(r, c.Item1, c.Item2), t.Tag)))).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Unit(ReportRow row, Dictionary<string, object?> figures)
    {
        var cells = new Dictionary<string, object?> { ["单位编号"] = row.UnitId, ["单位"] = row.Name, ["层级"] = row.Level };
        foreach (var (key, value) in figures) cells[key] = value;
        return cells;
    }

    private static Dictionary<string, object?> Counts(ReportRow row, string kind, TaskCounts counts) => Unit(row, new()
    {
        ["类别"] = kind, ["任务数"] = counts.Count, ["完成"] = counts.Done, ["按期完成"] = counts.DoneOnTime, ["年末逾期"] = counts.Overdue,
    });

    private static Dictionary<string, object?> Tagged(Dictionary<string, object?> cells, string tag)
    {
        var tagged = new Dictionary<string, object?> { ["标签"] = tag };
        foreach (var (key, value) in cells) tagged[key] = value;
        return tagged;
    }
}
