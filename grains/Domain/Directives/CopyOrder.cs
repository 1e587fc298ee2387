namespace Cascade.Directives;

/// <summary>
/// What an owner's shard asks a target unit to hold: the copy <see cref="OwnerId"/> at the owner's
/// <see cref="OwnerVersion"/>. Idempotent: a unit creates the copy once and applies only newer versions.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-order")]
public sealed record CopyOrder(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string IssuerUnitId,
    [property: Id(2)] int Shard,
    [property: Id(3)] long OwnerVersion,
    [property: Id(4)] CopyFields Fields,
    /// <summary>Labels the copy gets when it is created (later owner versions do not change them).</summary>
    [property: Id(5)] string[]? Tags,
    /// <summary>Who changed the owner: the actor of the copy's audit entry.</summary>
    [property: Id(6)] string By,
    [property: Id(7)] string? ByName,
    /// <summary>True: remove the copy (the target or the whole owner withdrawn).</summary>
    [property: Id(8)] bool Withdraw = false);
