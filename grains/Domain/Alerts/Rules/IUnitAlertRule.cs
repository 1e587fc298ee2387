using Cascade.Rollup;

namespace Cascade.Alerts.Rules;

/// <summary>
/// A rule about a unit's subtree: its severity while the condition holds, else null.
/// <paramref name="open"/> is the severity of the rule's alert still open for this unit (null
/// when none), so the rule can keep an open alert until its lower clear threshold.
/// </summary>
public interface IUnitAlertRule
{
    string Name { get; }

    AlertSeverity? Evaluate(Summary summary, AlertSeverity? open);
}
