using Cascade.Tasks;

namespace Cascade.Web.Excel;

/// <summary>
/// A sheet's rows as <see cref="ImportRow"/>s grouped by 单位编号 (in the order units first
/// appear), with every cell's problem. Columns are found by heading; 单位 and unknown columns are
/// ignored; the ten template columns must be there, 标签, 期望 and 版本 may be left out.
/// </summary>
public static class ImportSheetRows
{
    public static readonly string[] Required =
        [TaskSheet.UnitId, TaskSheet.TaskId, TaskSheet.Title, TaskSheet.Track, TaskSheet.Weight, TaskSheet.Start, TaskSheet.Due, TaskSheet.Status, TaskSheet.Progress, TaskSheet.Note];

    /// <summary>The missing required headings, in template order.</summary>
    public static IReadOnlyList<string> Missing(SheetContent sheet) => [.. Required.Where(c => !sheet.Columns.ContainsKey(c))];

    public static Dictionary<string, List<ImportRow>> Read(SheetContent sheet, List<ImportError> errors)
    {
        var units = new Dictionary<string, List<ImportRow>>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        foreach (var (number, cells) in sheet.Rows)
        {
            var read = new ImportCells(sheet.Columns, cells);
            var unitId = read.Id(TaskSheet.UnitId, "单位编号");
            var taskId = read.Id(TaskSheet.TaskId, "任务编号");
            var fields = new TaskPatch
            {
                Title = read.Title(TaskSheet.Title),
                Track = read.Choice(TaskSheet.Track, TaskSheet.Tracks),
                Weight = read.Weight(TaskSheet.Weight),
                Start = read.Date(TaskSheet.Start),
                Due = read.Date(TaskSheet.Due),
                Status = read.Choice(TaskSheet.Status, TaskSheet.Statuses),
                Progress = read.Progress(TaskSheet.Progress),
                Note = read.Note(TaskSheet.Note),
                Tags = read.Tags(TaskSheet.Tags),
                Expectation = read.Choice(TaskSheet.Expectation, TaskSheet.Expectations),
            };
            if (fields.Start is { } start && fields.Due is { } due && start > due) read.Errors.Add((TaskSheet.Start, "开始日期不能晚于截止日期"));
            var version = read.Version(TaskSheet.Version);
            if (unitId is null && !read.Errors.Exists(e => e.Column == TaskSheet.UnitId)) read.Errors.Add((TaskSheet.UnitId, "单位编号不能为空"));
            if (unitId is not null && taskId is not null && !seen.TryAdd((unitId, taskId), number))
                read.Errors.Add((TaskSheet.TaskId, $"任务 {taskId} 在第 {seen[(unitId, taskId)]} 行已出现，一个任务只能占一行"));
            if (read.Errors.Count > 0)
            {
                errors.AddRange(read.Errors.Select(e => new ImportError(number, e.Column, e.Message)));
                continue;
            }
            if (!units.TryGetValue(unitId!, out var rows)) units[unitId!] = rows = [];
            rows.Add(new ImportRow { Row = number, TaskId = taskId, Fields = fields, Version = version });
        }
        return units;
    }

    /// <summary>The heading of a field the task rules name (title → 任务名称), null for an unknown one.</summary>
    public static string? Column(string? field) => field switch
    {
        "unitId" => TaskSheet.UnitId, "taskId" or "id" => TaskSheet.TaskId, "title" => TaskSheet.Title, "track" => TaskSheet.Track,
        "weight" => TaskSheet.Weight, "start" => TaskSheet.Start, "due" => TaskSheet.Due, "status" => TaskSheet.Status,
        "progress" => TaskSheet.Progress, "note" => TaskSheet.Note, "tags" => TaskSheet.Tags, "expectation" => TaskSheet.Expectation, "version" => TaskSheet.Version,
        _ => null,
    };
}
