namespace Cascade.Identity;

/// <summary>Whether a sign-in attempt from an address may go ahead, and if not, until when it waits.</summary>
[GenerateSerializer, Immutable, Alias("cascade.sign-in-check")]
public sealed record SignInCheck([property: Id(0)] bool Allowed, [property: Id(1)] DateTimeOffset? LockedUntil);
