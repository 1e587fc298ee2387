namespace Cascade.Web.Http;

/// <summary>
/// The client's address as sign-in protection and the audit trail record it: the connection's
/// peer, which the forwarded-headers middleware has already replaced with the client named by
/// a trusted proxy (<see cref="ForwardedHeadersSetup"/>), and never a header anyone may send.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";
}
