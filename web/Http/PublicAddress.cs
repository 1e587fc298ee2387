namespace Cascade.Web.Http;

/// <summary>
/// The address people reach Cascade at, for links that leave the browser that asked (kiosk links
/// and their QR codes): <c>Cascade:PublicUrl</c> when set (e.g. <c>https://cascade.example.gov.cn</c>,
/// a path allowed for a proxy's prefix), else the request's own scheme and host.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "Cascade:PublicUrl";

    /// <summary>The configured address without a trailing slash; null when unset; throws at start-up when it is not an absolute http(s) URL.</summary>
    public static string? Configured(IConfiguration configuration)
    {
        var value = configuration[Setting]?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"{Setting} must be an absolute http or https URL without a query, such as https://cascade.example.gov.cn; it is '{value}'.");
        return value.TrimEnd('/');
    }

    /// <summary>The origin (and path prefix) links are built on.</summary>
    public static string Origin(HttpContext context) =>
        Configured(context.RequestServices.GetRequiredService<IConfiguration>()) ?? $"{context.Request.Scheme}://{context.Request.Host}";
}
