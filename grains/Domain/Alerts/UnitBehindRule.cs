using Cascade.Rollup;

namespace Cascade.Alerts;

/// <summary>
/// <c>unitBehind</c>: amber from lag 0.10, red from 0.20; once open it stays (amber below the
/// red line, red above it: the same alert changes severity in place) until lag falls below 0.08.
/// </summary>
public sealed class UnitBehindRule(AlertOptions options) : IUnitAlertRule
{
    public string Name => "unitBehind";

    public string Message => "{unit}进度落后于应达";

    public AlertSeverity? Evaluate(SubtreeTotals totals, AlertSeverity? open)
    {
        if (RollupMath.Lag(totals.All) is not { } lag) return null;
        if (RollupMath.AtLeast(lag, options.BehindRed)) return AlertSeverity.Red;
        if (RollupMath.AtLeast(lag, options.BehindAmber)) return AlertSeverity.Amber;
        return open is not null && RollupMath.AtLeast(lag, options.BehindClear) ? AlertSeverity.Amber : null;
    }
}
