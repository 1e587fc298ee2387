using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Alerts.Rules;

/// <summary><c>taskOverdue</c>: red while the task is overdue (past its window's end and not done).</summary>
public sealed class TaskOverdueRule : ITaskAlertRule
{
    public string Name => "taskOverdue";

    public AlertSeverity? Evaluate(TaskItem task, TrackTotals figures) => figures.Overdue > 0 ? AlertSeverity.Red : null;
}
