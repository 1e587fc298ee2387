namespace Cascade.Rollup;

/// <summary>A health rule of docs/domain.md "Roll-up", named as <c>healthReasons</c> names it (docs/api.md "Summary").</summary>
[GenerateSerializer]
public enum HealthRule
{
    /// <summary>Expected minus actual progress, by weight.</summary>
    Lag = 0,
    /// <summary>Overdue weight over all weight.</summary>
    OverdueShare = 1,
    /// <summary>Blocked weight over all weight.</summary>
    BlockedShare = 2,
    /// <summary>Stale weight over all weight.</summary>
    StaleShare = 3,
}
