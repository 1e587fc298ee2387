using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Directives;

/// <summary>
/// The additive roll-up of an owner's copies (docs/domain.md "Directives"): a summary's <c>all</c>
/// figures over the copies plus how many targets hold one and how many are done, not started or
/// overdue. Shards sum their copies; the owner adds the shards.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-totals")]
public readonly record struct CopyTotals(
    [property: Id(0)] TrackTotals All,
    [property: Id(1)] int Targets,
    [property: Id(2)] int DoneUnits,
    [property: Id(3)] int NotStartedUnits,
    [property: Id(4)] int OverdueUnits)
{
    public static CopyTotals operator +(CopyTotals a, CopyTotals b) => new(
        a.All + b.All, a.Targets + b.Targets, a.DoneUnits + b.DoneUnits,
        a.NotStartedUnits + b.NotStartedUnits, a.OverdueUnits + b.OverdueUnits);

    /// <summary>One copy's contribution at <paramref name="now"/>, by the roll-up's own rule for a task.</summary>
    public static CopyTotals Of(string ownerId, CopyFields owned, CopyReport copy, DateTimeOffset now, DomainClock clock)
    {
        var figures = RollupMath.Of(AsTask(ownerId, owned, copy), now, clock);
        return new(figures, 1, figures.Done, copy.Status == TaskItemStatus.NotStarted ? 1 : 0, figures.Overdue);
    }

    /// <summary>The copy as its unit holds it (the owned fields are the owner's).</summary>
    public static TaskItem AsTask(string ownerId, CopyFields owned, CopyReport copy) => new()
    {
        Id = ownerId, Title = owned.Title, Track = owned.Track, Weight = owned.Weight, Start = owned.Start, Due = owned.Due, Expectation = owned.Expectation,
        Status = copy.Status, Progress = copy.Progress, UpdatedAt = copy.UpdatedAt, UpdatedBy = copy.UpdatedBy, Version = copy.TaskVersion,
    };
}
