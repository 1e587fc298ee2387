using Microsoft.AspNetCore.Http.Features;

namespace Cascade.Web.Hosting;

/// <summary>
/// Too long a URL is 414 with problem details like every other refusal. Kestrel's own 414
/// comes before the application and has no body, so Kestrel is let to read request lines up to
/// <see cref="KestrelLimit"/> and this answers those above <see cref="MaxTarget"/>. Beyond
/// Kestrel's limit, and for what Kestrel itself cannot parse (a <c>%00</c> in the path), its
/// bodiless 400/414 remains: no application code runs for those.
/// </summary>
public static class LongUrls
{
    /// <summary>The longest path and query answered: what Kestrel allowed by default.</summary>
    public const int MaxTarget = 8 * 1024;
    public const int KestrelLimit = 64 * 1024;

    public static WebApplication UseLongUrlRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            var length = string.IsNullOrEmpty(raw) ? context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0 : raw.Length;
            if (length > MaxTarget)
            {
                await Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status414UriTooLong, title: "URI Too Long",
                    detail: $"The path and query may be at most {MaxTarget / 1024} KiB.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
