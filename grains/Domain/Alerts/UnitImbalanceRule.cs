using Cascade.Rollup;

namespace Cascade.Alerts;

/// <summary>
/// <c>unitImbalance</c> (两张皮): amber from an imbalance of 0.25 between party-building and
/// business progress; once open it stays until the imbalance falls below 0.20.
/// </summary>
public sealed class UnitImbalanceRule(AlertOptions options) : IUnitAlertRule
{
    public string Name => "unitImbalance";

    public string Message => "{unit}党建与业务进度脱节（两张皮）";

    public AlertSeverity? Evaluate(SubtreeTotals totals, AlertSeverity? open)
    {
        if (RollupMath.Imbalance(totals) is not { } imbalance) return null;
        var line = open is null ? options.ImbalanceFire : options.ImbalanceClear;
        return RollupMath.AtLeast(imbalance, line) ? AlertSeverity.Amber : null;
    }
}
