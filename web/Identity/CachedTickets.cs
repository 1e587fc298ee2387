using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Cascade.Web.Identity;

/// <summary>
/// Remembers what each bearer token decrypted to. Unprotecting a token is data protection's
/// authenticated decryption with a key derivation every time, about as costly as the rest of
/// a request; a script sends the same token thousands of times. The handler still checks the
/// expiry on every request, and <see cref="CurrentUserCheck"/> still checks the user.
/// </summary>
public sealed class CachedTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null) return null;
        if (purpose is null && _tickets.TryGetValue(protectedText, out var known)) return known;
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null || purpose is not null) return ticket;
        if (_tickets.Count >= Capacity) _tickets.Clear(); // crude, and rare: tokens live for hours
        _tickets[protectedText] = ticket;
        return ticket;
    }
}
