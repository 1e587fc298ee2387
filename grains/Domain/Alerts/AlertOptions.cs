using System.ComponentModel.DataAnnotations;

namespace Cascade.Alerts;

/// <summary>
/// The alert rules' thresholds and timing (docs/domain.md "Alerts"; docs/api.md "Configuration"). Fire
/// thresholds are reached with the roll-up's tolerance; a unit alert clears only below its
/// lower clear threshold (hysteresis), so a figure hovering at the line does not flap.
/// </summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string Section = "Cascade:Alerts";

    /// <summary>An alert nobody acknowledged climbs one level after this long, again after each further period.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// True: escalation counts working days only (the working-day calendar), each from its local
    /// midnight to the next; weekends and holidays do not count. False (the default): all time counts.
    /// </summary>
    public bool WorkingTimeOnly { get; set; }

    [Range(0.0, 1.0)] public double BehindAmber { get; set; } = 0.10;
    [Range(0.0, 1.0)] public double BehindRed { get; set; } = 0.20;
    [Range(0.0, 1.0)] public double BehindClear { get; set; } = 0.08;
    [Range(0.0, 1.0)] public double ImbalanceFire { get; set; } = 0.25;
    [Range(0.0, 1.0)] public double ImbalanceClear { get; set; } = 0.20;

    /// <summary>Per rule (<c>Cascade:Alerts:Grace:taskStale</c>): how long a condition must hold before its alert fires. Default 0.</summary>
    public Dictionary<string, TimeSpan> Grace { get; set; } = [];

    public TimeSpan GraceOf(string rule) => Grace.GetValueOrDefault(rule);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EscalateAfter < TimeSpan.FromMinutes(1) || EscalateAfter > TimeSpan.FromDays(365))
            yield return new ValidationResult($"{Section}:EscalateAfter must be between one minute and 365 days.", [nameof(EscalateAfter)]);
        if (BehindAmber <= 0 || BehindRed < BehindAmber)
            yield return new ValidationResult($"{Section}:BehindAmber must be above 0 and at most {Section}:BehindRed.", [nameof(BehindAmber)]);
        if (BehindClear <= 0 || BehindClear > BehindAmber)
            yield return new ValidationResult($"{Section}:BehindClear must be above 0 and at most {Section}:BehindAmber.", [nameof(BehindClear)]);
        if (ImbalanceFire <= 0 || ImbalanceClear <= 0 || ImbalanceClear > ImbalanceFire)
            yield return new ValidationResult($"{Section}:ImbalanceClear must be above 0 and at most {Section}:ImbalanceFire.", [nameof(ImbalanceClear)]);
        foreach (var (rule, grace) in Grace)
        {
            if (!AlertRules.Names.Contains(rule))
                yield return new ValidationResult($"{Section}:Grace:{rule} names no rule; the rules are {string.Join(", ", AlertRules.Names)}.", [nameof(Grace)]);
            else if (grace < TimeSpan.Zero || grace > TimeSpan.FromDays(30))
                yield return new ValidationResult($"{Section}:Grace:{rule} must be between 0 and 30 days.", [nameof(Grace)]);
        }
    }
}
