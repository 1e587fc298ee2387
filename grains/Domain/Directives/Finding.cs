namespace Cascade.Directives;

/// <summary>
/// What makes a directive a finding (互观互检 → 整改 → 销号, docs/domain.md "Findings"): recorded
/// against an inspection on one unit, whose one copy is the rectification task <c>f-{id}</c>.
/// The owner is keyed <c>f-{id}</c>; <see cref="Id"/> is the finding's own id.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.finding")]
public sealed record Finding
{
    /// <summary>The owner key and the task id of a finding's rectification task.</summary>
    public const string Prefix = "f-";

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string InspectionId { get; init; }
    /// <summary>The inspected unit: the one target, which holds the task.</summary>
    [Id(2)] public required string UnitId { get; init; }
    /// <summary>The inspector unit that raised it; null when the inspection names none (admins and leaders recorded it).</summary>
    [Id(3)] public string? InspectorUnitId { get; init; }
    /// <summary>The whole text (1..2000 characters); the task's title is its first 200.</summary>
    [Id(4)] public required string Text { get; init; }
    [Id(5)] public FindingState State { get; init; }
    /// <summary>The note of the last confirmation or reopening.</summary>
    [Id(6)] public string? Note { get; init; }
    [Id(7)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(8)] public string? ClosedBy { get; init; }
    /// <summary>The owner version of the last reopening: the goal of that version sets the task back to <see cref="ReopenProgress"/>.</summary>
    [Id(9)] public long ReopenVersion { get; init; }
    [Id(10)] public int ReopenProgress { get; init; }
    /// <summary>The creator's display name when it was recorded.</summary>
    [Id(11)] public string? ByName { get; init; }
    /// <summary>The task version the state last followed (a report older than it is ignored).</summary>
    [Id(12)] public long CopyVersion { get; init; }

    public static string OwnerId(string findingId) => Prefix + findingId;

    /// <summary>The same finding asked again: everything the request named (not the state it has reached).</summary>
    public bool SameRequest(Finding other) =>
        Id == other.Id && InspectionId == other.InspectionId && UnitId == other.UnitId && InspectorUnitId == other.InspectorUnitId && Text == other.Text;
}
