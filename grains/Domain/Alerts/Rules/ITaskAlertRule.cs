using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Alerts.Rules;

/// <summary>A rule about one task: its severity while the condition holds, else null.</summary>
public interface ITaskAlertRule
{
    string Name { get; }

    /// <param name="figures">The task's own figures now (<see cref="RollupMath.Of"/>): overdue, stale, blocked.</param>
    AlertSeverity? Evaluate(TaskItem task, TrackTotals figures);
}
