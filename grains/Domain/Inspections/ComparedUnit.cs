using Cascade.Rollup;

namespace Cascade.Inspections;

/// <summary>One unit of a comparison: its figures on each side (null where the unit is not on that side) and the difference.</summary>
public sealed record ComparedUnit(string UnitId, string Name, ComparedFigures? From, ComparedFigures? To, FigureDelta Delta, Health? HealthFrom, Health? HealthTo)
{
    public static ComparedUnit Of(string unitId, string name, Summary? from, Summary? to)
    {
        var (a, b) = (from is null ? null : ComparedFigures.From(from), to is null ? null : ComparedFigures.From(to));
        return new(unitId, name, a, b, FigureDelta.Of(a, b), from?.Health, to?.Health);
    }
}
