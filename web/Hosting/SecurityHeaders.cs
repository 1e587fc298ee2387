using Scalar.AspNetCore;

namespace Cascade.Web.Hosting;

/// <summary>
/// Headers on every answer: the page may run only the app's own scripts and styles and talk
/// only to its own origin, never inside another site's frame; no MIME sniffing; no referrer;
/// over HTTPS, HSTS for a year.
/// And the hub's WebSocket handshake (and negotiate) must come from a page of this origin,
/// since browsers send cookies with cross-site WebSocket requests; so must every API write a
/// browser sends (the workbench writes with its session cookie): SameSite=Strict already keeps
/// the cookie off cross-site requests, and this refuses them outright as a second line.
/// The API reference page alone (<see cref="ApiReference"/>) runs one inline script, allowed by
/// the nonce Scalar put on it for this one answer, and styles its components inline.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference's policy: its inline start-up script by this answer's nonce only, and the
    /// inline styles its components set; everything else as strict as <see cref="Policy"/>.
    /// </summary>
    public static string ReferencePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Over HTTPS only (RFC 6797 ignores it over HTTP): a year, so a browser that once came
            // securely never again sends the session cookie in the clear.
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            // The nonce exists only once Scalar's endpoint has rendered the page, after this runs.
            if (context.Request.Path.StartsWithSegments(ApiReference.ReferencePath))
                context.Response.OnStarting(() =>
                {
                    if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce) headers.ContentSecurityPolicy = ReferencePolicy(nonce);
                    return Task.CompletedTask;
                });
            if (context.Request.Path.StartsWithSegments("/hubs") && !SameOrigin(context))
            {
                await Refuse(context, "The hub accepts connections from this site's own pages only.");
                return;
            }
            if (context.Request.Path.StartsWithSegments("/api") && !IsReading(context.Request.Method) && !SameOrigin(context))
            {
                await Refuse(context, "The API accepts writes from this site's own pages only (or from scripts, which send no Origin).");
                return;
            }
            await next(context);
        });
        return app;
    }

    private static Task Refuse(HttpContext context, string detail) =>
        Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail).ExecuteAsync(context);

    private static bool IsReading(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>No Origin (a script, not a browser page) or this very origin.</summary>
    private static bool SameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var given)
            && string.Equals(given.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(given.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
