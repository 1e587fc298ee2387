using Cascade.Alerts.Rules;

namespace Cascade.Alerts;

/// <summary>Every rule, in the order of domain.md "Alerts". A new rule is one small class added here.</summary>
public sealed class AlertRules(AlertOptions options)
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(
        ["taskOverdue", "taskBlocked", "taskStale", "unitBehind", "unitImbalance"], StringComparer.Ordinal);

    public IReadOnlyList<ITaskAlertRule> TaskRules { get; } = [new TaskOverdueRule(), new TaskBlockedRule(), new TaskStaleRule()];

    public IReadOnlyList<IUnitAlertRule> UnitRules { get; } = [new UnitBehindRule(options), new UnitImbalanceRule(options)];
}
