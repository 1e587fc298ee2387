using System.ComponentModel.DataAnnotations;

namespace Cascade.Identity;

/// <summary>Sign-in protection (docs/api.md "Identity and access").</summary>
public sealed class SignInOptions
{
    public const string Section = "Cascade:SignIn";

    /// <summary>Failures for one account from one address before that pair waits.</summary>
    [Range(1, 100)]
    public int MaxFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures of one account, from every address, within <see cref="AccountWindow"/> before its password sign-in waits (its usual addresses excepted).</summary>
    [Range(1, 10_000)]
    public int AccountMaxFailures { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An address the account signed in from within this long is one of its usual ones, spared by the account's lockout.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan UsualFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sign-in attempts per client address per minute, whatever the account.</summary>
    [Range(1, 100_000)]
    public int PerAddressPerMinute { get; set; } = 300;

    /// <summary>A browser session (the sign-in cookie) ends after this long without a request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a bearer token from <c>POST /api/v1/auth/token</c> lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
