using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Alerts.Rules;

/// <summary><c>taskBlocked</c>: amber while the task's status is blocked.</summary>
public sealed class TaskBlockedRule : ITaskAlertRule
{
    public string Name => "taskBlocked";

    public AlertSeverity? Evaluate(TaskItem task, TrackTotals figures) => task.Status == TaskItemStatus.Blocked ? AlertSeverity.Amber : null;
}
