namespace Cascade.Directives;

/// <summary>A merge patch of a directive: null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("cascade.directive-patch")]
public sealed record DirectivePatch(
    [property: Id(0)] string? Title,
    [property: Id(1)] double? Weight,
    [property: Id(2)] DateOnly? Start,
    [property: Id(3)] DateOnly? Due,
    [property: Id(4)] string? Note,
    [property: Id(5)] Tasks.Expectation? Expectation = null,
    /// <summary>A schedule's: its track, due day and last period (<see cref="UntilGiven"/>: until is set, null clearing it).</summary>
    [property: Id(6)] Tasks.Track? Track = null,
    [property: Id(7)] int? DueDay = null,
    [property: Id(8)] string? Until = null,
    [property: Id(9)] bool UntilGiven = false);
