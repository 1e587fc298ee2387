using System.Globalization;
using Cascade.Tasks;

namespace Cascade.Web.Excel;

/// <summary>
/// The task sheet's columns (docs/api.md "Excel"): the import template's, found by their Chinese
/// headings, plus 单位 (the unit's name path) on export. Export and import share these words so
/// that a sheet exported, edited and imported again round-trips.
/// </summary>
public static class TaskSheet
{
    public const string UnitId = "单位编号";
    public const string TaskId = "任务编号";
    public const string Title = "任务名称";
    public const string Track = "类别";
    public const string Weight = "权重";
    public const string Start = "开始";
    public const string Due = "截止";
    public const string Status = "状态";
    public const string Progress = "进度";
    public const string Note = "备注";
    public const string Tags = "标签";
    public const string Expectation = "期望";
    public const string Version = "版本";
    public const string Unit = "单位";

    /// <summary>The template's columns in order; export adds <see cref="Unit"/> at the end.</summary>
    public static readonly string[] Columns = [UnitId, TaskId, Title, Track, Weight, Start, Due, Status, Progress, Note, Tags, Expectation, Version];

    public static readonly IReadOnlyDictionary<Track, string> Tracks = new Dictionary<Track, string> { [Cascade.Tasks.Track.Party] = "党建", [Cascade.Tasks.Track.Business] = "业务" };

    public static readonly IReadOnlyDictionary<TaskItemStatus, string> Statuses = new Dictionary<TaskItemStatus, string>
    {
        [TaskItemStatus.NotStarted] = "未开始", [TaskItemStatus.InProgress] = "进行中", [TaskItemStatus.Blocked] = "受阻", [TaskItemStatus.Done] = "完成",
    };

    /// <summary>期望 of a task whose expected progress grows over its window (<see cref="Cascade.Tasks.Expectation.Linear"/>).</summary>
    public const string Linear = "按进度";

    /// <summary>期望 of a task expected only once its window ends (<see cref="Cascade.Tasks.Expectation.AtDue"/>): a duty held by its date.</summary>
    public const string ByDue = "到期完成";

    public static readonly IReadOnlyDictionary<Expectation, string> Expectations = new Dictionary<Expectation, string>
    {
        [Cascade.Tasks.Expectation.Linear] = Linear, [Cascade.Tasks.Expectation.AtDue] = ByDue,
    };

    /// <summary>One row of the export, keyed by heading (MiniExcel writes the keys as the first row).</summary>
    public static IDictionary<string, object?> Row(string unitId, string unitPath, TaskItem task) => new Dictionary<string, object?>(14)
    {
        [UnitId] = unitId,
        [TaskId] = task.Id,
        [Title] = task.Title,
        [Track] = Tracks[task.Track],
        [Weight] = task.Weight,
        [Start] = task.Start.ToDateTime(TimeOnly.MinValue),
        [Due] = task.Due.ToDateTime(TimeOnly.MinValue),
        [Status] = Statuses[task.Status],
        [Progress] = task.Progress,
        [Note] = task.Note,
        [Tags] = task.Tags is { Length: > 0 } tags ? string.Join("、", tags) : "",
        [Expectation] = Expectations[task.Expectation],
        [Version] = task.Version.ToString(CultureInfo.InvariantCulture),
        [Unit] = unitPath,
    };
}
