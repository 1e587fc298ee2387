using System.ComponentModel.DataAnnotations;

namespace Cascade.Time;

/// <summary>The organization's calendar and the clock-driven pass (docs/domain.md "Tasks", docs/architecture.md "Time").</summary>
public sealed class ClockOptions
{
    public const string Section = "Cascade";

    /// <summary>IANA or Windows id of the organization's time zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>When an unchanged task counts as stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often every active unit re-evaluates its time-dependent figures.</summary>
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromMinutes(1);
}
