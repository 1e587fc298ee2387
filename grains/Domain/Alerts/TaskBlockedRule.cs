using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Alerts;

/// <summary><c>taskBlocked</c>: amber while the task's status is blocked, since its last update.</summary>
public sealed class TaskBlockedRule : ITaskAlertRule
{
    public string Name => "taskBlocked";

    public string Message => "任务「{title}」受阻";

    public AlertSeverity? Evaluate(TaskItem task, TrackTotals figures) => task.Status == TaskItemStatus.Blocked ? AlertSeverity.Amber : null;

    /// <summary>The update that set the status (any later update keeps it blocked).</summary>
    public DateTimeOffset Since(TaskItem task, DomainClock clock) => task.UpdatedAt;
}
