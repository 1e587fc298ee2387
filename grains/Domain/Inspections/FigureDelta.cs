namespace Cascade.Inspections;

/// <summary><c>to - from</c> for each compared figure; null where either side is null (a unit missing on one side, or a figure of no tasks).</summary>
public sealed record FigureDelta(double? Progress, double? Expected, double? Lag, int? Count, int? Done, int? Overdue, int? Blocked)
{
    public static FigureDelta Of(ComparedFigures? from, ComparedFigures? to) => new(
        Minus(from?.Progress, to?.Progress), Minus(from?.Expected, to?.Expected), Minus(from?.Lag, to?.Lag),
        Minus(from?.Count, to?.Count), Minus(from?.Done, to?.Done), Minus(from?.Overdue, to?.Overdue), Minus(from?.Blocked, to?.Blocked));

    private static double? Minus(double? from, double? to) => from is { } a && to is { } b ? b - a : null;

    private static int? Minus(int? from, int? to) => from is { } a && to is { } b ? b - a : null;
}
