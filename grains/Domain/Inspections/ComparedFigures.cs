using Cascade.Rollup;

namespace Cascade.Inspections;

/// <summary>The figures a comparison sets side by side (docs/api.md "Inspections", compare): a summary's <c>all</c> and lag.</summary>
public sealed record ComparedFigures(double? Progress, double? Expected, double? Lag, int Count, int Done, int Overdue, int Blocked)
{
    public static ComparedFigures From(Summary s) =>
        new(s.All.Progress, s.All.Expected, s.Lag, s.All.Count, s.All.Done, s.All.Overdue, s.All.Blocked);
}
