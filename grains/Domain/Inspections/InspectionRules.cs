using Cascade.Schedules;

namespace Cascade.Inspections;

/// <summary>The checks of an inspection's request (docs/api.md "Inspections").</summary>
public static class InspectionRules
{
    public const string Capturing = "capturing";
    public const string Captured = "captured";
    public const int MaxTitle = 200;
    public const int MaxInspectors = 100;

    /// <summary>A quarter, a half year or a year: <c>2026-q4</c>, <c>2026-h2</c>, <c>2026</c> (a month is not an inspection's period).</summary>
    public static bool IsPeriod(string? period) =>
        Period.TryParse(period.AsSpan(), out var p) && p.Cadence is Cadence.Quarter or Cadence.HalfYear or Cadence.Year;
}
