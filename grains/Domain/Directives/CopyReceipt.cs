namespace Cascade.Directives;

/// <summary>A target unit's answer to a <see cref="CopyOrder"/>: the outcome and the copy as it now is.</summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-receipt")]
public sealed record CopyReceipt(
    [property: Id(0)] CopyOutcome Outcome,
    [property: Id(1)] CopyReport? Copy);
