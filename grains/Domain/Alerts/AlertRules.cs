
namespace Cascade.Alerts;

/// <summary>
/// Every rule, in the order of docs/domain.md "Alerts": the one list of them. A new rule is one
/// small class added here; nothing else names a rule.
/// </summary>
public sealed class AlertRules
{
    public AlertRules(AlertOptions options)
    {
        TaskRules = [new TaskOverdueRule(), new TaskBlockedRule(), new TaskStaleRule()];
        UnitRules = [new UnitBehindRule(options), new UnitImbalanceRule(options)];
        All = [.. TaskRules, .. UnitRules];
    }

    public IReadOnlyList<ITaskAlertRule> TaskRules { get; }

    public IReadOnlyList<IUnitAlertRule> UnitRules { get; }

    public IReadOnlyList<IAlertRule> All { get; }

    /// <summary>Names and messages do not depend on the settings: the rules with the default settings answer them.</summary>
    private static readonly AlertRules Catalog = new(new AlertOptions());

    public static readonly IReadOnlySet<string> Names = Catalog.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The rule named <paramref name="name"/>, or null for a name no rule has (an alert of a rule since removed).</summary>
    public static IAlertRule? Find(string name)
    {
        foreach (var rule in Catalog.All)
            if (rule.Name == name) return rule;
        return null;
    }
}
