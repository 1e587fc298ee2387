using System.Globalization;

namespace Cascade.Web.Http;

/// <summary>
/// The <c>Retry-After</c> header, in whole seconds and never 0: every 429 and 503 carries one,
/// so a client always knows when to come back.
/// </summary>
public static class RetryAfterHeader
{
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
