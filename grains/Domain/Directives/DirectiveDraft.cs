using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>A directive as created (fields already parsed and checked by the HTTP edge).</summary>
[GenerateSerializer, Immutable, Alias("cascade.directive-draft")]
public sealed record DirectiveDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] string IssuerUnitId,
    [property: Id(2)] string Title,
    [property: Id(3)] Track Track,
    [property: Id(4)] double Weight,
    [property: Id(5)] DateOnly Start,
    [property: Id(6)] DateOnly Due,
    [property: Id(7)] string Note,
    [property: Id(8)] string[]? Tags,
    [property: Id(9)] Expectation Expectation = Expectation.Linear,
    /// <summary>A schedule's cadence, due day, from and until, and the targets that follow the tree.</summary>
    [property: Id(10)] Recurrence? Recurrence = null,
    /// <summary>A finding's part (its state starts open).</summary>
    [property: Id(11)] Finding? Finding = null)
{
    /// <summary>True when <paramref name="stored"/> was created from the same draft (a repeated POST).</summary>
    public bool SameAs(Directive stored) => Finding is not null
        // A finding's start is the day it was recorded: a repeat on another day is still the same.
        ? stored.Finding is { } held && Finding.SameRequest(held) && Track == stored.Track && Weight.Equals(stored.Weight) && Due == stored.Due
        : stored.Finding is null && Id == stored.Id && IssuerUnitId == stored.IssuerUnitId && Title == stored.Title && Track == stored.Track
        && Weight.Equals(stored.Weight) && Start == stored.Start && Due == stored.Due && Note == stored.Note && Expectation == stored.Expectation
        && (Recurrence is null) == (stored.Recurrence is null)
        && (Recurrence is null || Recurrence.SameRule(stored.Recurrence!))
        && TaskRules.SameTags(Tags, stored.Tags);
}
