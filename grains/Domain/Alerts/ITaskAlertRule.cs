using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Alerts;

/// <summary>A rule about one task: its severity while the condition holds, else null, and since when it holds.</summary>
public interface ITaskAlertRule : IAlertRule
{
    /// <param name="figures">The task's own figures now (<see cref="RollupMath.Of"/>): overdue, stale, blocked.</param>
    AlertSeverity? Evaluate(TaskItem task, TrackTotals figures);

    /// <summary>When the condition began (grace periods and the alert's <c>since</c> count from it).</summary>
    DateTimeOffset Since(TaskItem task, DomainClock clock);
}
