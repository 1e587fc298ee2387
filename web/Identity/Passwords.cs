using Cascade.Identity;
using Microsoft.AspNetCore.Identity;

namespace Cascade.Web.Identity;

/// <summary>ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2), and the password rule.</summary>
public sealed class Passwords
{
    public const int MinLength = 10, MaxLength = 128;

    private readonly PasswordHasher<UserRecord> _hasher = new();
    // Verified against when the username is unknown, so an unknown name costs as long as a known one.
    private readonly string _decoy;

    public Passwords() => _decoy = _hasher.HashPassword(null!, "not the password of anyone");

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>Checks a password; <paramref name="rehash"/> is set when the stored hash should be upgraded.</summary>
    public bool Verify(UserRecord? user, string password, out bool rehash)
    {
        var result = _hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? _decoy, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return user is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Null when the password may be used, else why not.</summary>
    public static string? Check(string password) =>
        password.Length < MinLength ? $"A password has at least {MinLength} characters."
        : password.Length > MaxLength ? $"A password has at most {MaxLength} characters."
        : null;
}
