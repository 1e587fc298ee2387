namespace Cascade.Rollup;

/// <summary>
/// A subtree's schedule instances of the periods holding today (docs/domain.md "Schedules"):
/// how many are due this period and how many are done.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.duties")]
public readonly record struct Duties(
    [property: Id(0)] int Due,
    [property: Id(1)] int Done)
{
    public static Duties operator +(Duties a, Duties b) => new(a.Due + b.Due, a.Done + b.Done);
}
