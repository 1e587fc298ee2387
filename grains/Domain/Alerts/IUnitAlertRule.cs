using Cascade.Rollup;

namespace Cascade.Alerts;

/// <summary>
/// A rule about a unit's subtree: its severity while the condition holds, else null.
/// <paramref name="open"/> is the severity of the rule's alert still open for this unit (null
/// when none), so the rule can keep an open alert until its lower clear threshold. The figures
/// are the subtree's totals before the open-alert count joins them (no rule reads that count).
/// A unit condition begins when the unit first sees it: its figures keep no history.
/// </summary>
public interface IUnitAlertRule : IAlertRule
{
    AlertSeverity? Evaluate(SubtreeTotals totals, AlertSeverity? open);
}
