namespace Cascade.Directives;

/// <summary>A schedule's part in a period change: the goal its instances are handed out as, and how many shards hold its targets.</summary>
[GenerateSerializer, Immutable, Alias("cascade.turn-share")]
public sealed record TurnShare(
    [property: Id(0)] CopyOrder Goal,
    [property: Id(1)] int Shards);
