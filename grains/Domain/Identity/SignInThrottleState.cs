namespace Cascade.Identity;

/// <summary>What of an account's sign-in protection outlives a restart: its lockouts and its usual addresses.</summary>
[GenerateSerializer, Alias("cascade.sign-in-throttle")]
public sealed class SignInThrottleState
{
    /// <summary>Client address to the end of its lockout for this account.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> LockedPairs { get; set; } = [];
    /// <summary>Until when password sign-in is refused from every address but the usual ones.</summary>
    [Id(1)] public DateTimeOffset? AccountLockedUntil { get; set; }
    /// <summary>Client address to the last time the account signed in from it.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> UsualAddresses { get; set; } = [];
}
