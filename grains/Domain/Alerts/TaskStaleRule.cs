using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Alerts;

/// <summary><c>taskStale</c>: amber while the task is stale (unchanged for <c>Cascade:StaleAfter</c> and not done).</summary>
public sealed class TaskStaleRule : ITaskAlertRule
{
    public string Name => "taskStale";

    public string Message => "任务「{title}」久未更新";

    public AlertSeverity? Evaluate(TaskItem task, TrackTotals figures) => figures.Stale > 0 ? AlertSeverity.Amber : null;

    /// <summary><c>StaleAfter</c> past the last update, or past the window's start for a task not touched since it began.</summary>
    public DateTimeOffset Since(TaskItem task, DomainClock clock)
    {
        var start = clock.Window(task).Start;
        return (task.UpdatedAt > start ? task.UpdatedAt : start) + clock.StaleAfter;
    }
}
