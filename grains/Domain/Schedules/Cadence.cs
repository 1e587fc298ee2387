namespace Cascade.Schedules;

/// <summary>How often a schedule's duty comes round (docs/domain.md "Schedules").</summary>
[GenerateSerializer]
public enum Cadence
{
    Month = 0,
    Quarter = 1,
    HalfYear = 2,
    Year = 3,
}
