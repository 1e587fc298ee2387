using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Alerts.Rules;

/// <summary><c>taskStale</c>: amber while the task is stale (unchanged for <c>Cascade:StaleAfter</c> and not done).</summary>
public sealed class TaskStaleRule : ITaskAlertRule
{
    public string Name => "taskStale";

    public AlertSeverity? Evaluate(TaskItem task, TrackTotals figures) => figures.Stale > 0 ? AlertSeverity.Amber : null;
}
