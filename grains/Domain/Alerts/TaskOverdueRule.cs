using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Alerts;

/// <summary><c>taskOverdue</c>: red while the task is overdue (past its window's end and not done).</summary>
public sealed class TaskOverdueRule : ITaskAlertRule
{
    public string Name => "taskOverdue";

    public string Message => "任务「{title}」已逾期（截止 {due}）";

    public AlertSeverity? Evaluate(TaskItem task, TrackTotals figures) => figures.Overdue > 0 ? AlertSeverity.Red : null;

    /// <summary>The end of the task's window: the start of the day after its due date.</summary>
    public DateTimeOffset Since(TaskItem task, DomainClock clock) => clock.Window(task).End;
}
