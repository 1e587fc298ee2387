using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>
/// A piece of work an issuing unit hands down to many target units at once (部署/交办,
/// docs/domain.md "Directives"): its owned fields reach every copy; the note is the instruction.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.directive")]
public sealed record Directive
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string IssuerUnitId { get; init; }
    [Id(2)] public required string Title { get; init; }
    [Id(3)] public Track Track { get; init; }
    [Id(4)] public double Weight { get; init; } = 1;
    [Id(5)] public DateOnly Start { get; init; }
    [Id(6)] public DateOnly Due { get; init; }
    [Id(7)] public string Note { get; init; } = "";
    [Id(8)] public string[]? Tags { get; init; }
    [Id(9)] public long Version { get; init; }
    [Id(10)] public DirectiveState State { get; init; }
    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
    [Id(12)] public string? CreatedBy { get; init; }
    [Id(13)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(14)] public string? UpdatedBy { get; init; }
    [Id(15)] public string? UpdatedByName { get; init; }
    [Id(16)] public Expectation Expectation { get; init; }
    /// <summary>Set for a schedule: its cadence and current period (<see cref="Start"/> and <see cref="Due"/> are that period's).</summary>
    [Id(17)] public Recurrence? Recurrence { get; init; }
    /// <summary>Set for a finding (docs/domain.md "Findings"): its inspection, unit, inspector and state; its one copy is the rectification task.</summary>
    [Id(18)] public Finding? Finding { get; init; }

    public bool IsSchedule => Recurrence is not null;

    public bool IsFinding => Finding is not null;

    /// <summary>What every copy takes from the directive.</summary>
    public CopyFields Owned => new(Title, Track, Weight, Start, Due, Expectation);
}
