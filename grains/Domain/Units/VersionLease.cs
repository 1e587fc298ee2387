namespace Cascade.Units;

/// <summary>What an activation learns: every version handed out so far is at or below <see cref="Before"/>, and versions up to <see cref="Ceiling"/> are reserved.</summary>
[GenerateSerializer, Immutable, Alias("cascade.version-lease")]
public sealed record VersionLease([property: Id(0)] long Before, [property: Id(1)] long Ceiling);
