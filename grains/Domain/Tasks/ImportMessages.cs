using Cascade.Outcomes;

namespace Cascade.Tasks;

/// <summary>The task rules' refusals of an imported row, in Chinese (the API's own answers stay English).</summary>
public static class ImportMessages
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["start must not be after due"] = "开始日期不能晚于截止日期",
        ["a done task has progress 100"] = "状态为完成时进度须为 100",
        ["progress 100 means the task is done"] = "进度为 100 时状态须为完成",
        ["a reopened task needs its real progress"] = "重新打开已完成的任务须填写实际进度",
    };

    /// <summary>The refusal as a row error: its field and a Chinese message.</summary>
    public static ImportOutcome Refused<T>(int row, Result<T> refused)
    {
        if (refused.Errors is { Count: > 0 } errors)
        {
            var (field, messages) = errors.First();
            var message = messages.FirstOrDefault() ?? "";
            return new(row, ImportVerdict.Error, field,
                Known.TryGetValue(message.TrimEnd('.'), out var zh) ? zh
                : message.StartsWith("dates must lie", StringComparison.Ordinal) ? $"日期须在 {TaskRules.FirstDate:yyyy-MM-dd} 至 {TaskRules.LastDate:yyyy-MM-dd} 之间"
                : $"不符合任务规则：{message}");
        }
        return refused.Outcome switch
        {
            Outcome.Conflict when refused.Detail?.Contains("tasks", StringComparison.Ordinal) == true && refused.Detail.Contains(TaskRules.MaxTasksPerUnit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                => new(row, ImportVerdict.Error, null, $"单位的任务已达上限 {TaskRules.MaxTasksPerUnit} 个"),
            Outcome.PreconditionFailed => new(row, ImportVerdict.Error, "version", "任务在导出后已被修改，请重新导出后再改"),
            _ => new(row, ImportVerdict.Error, null, $"不能这样修改：{refused.Detail}"),
        };
    }
}
