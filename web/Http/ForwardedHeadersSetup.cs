using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Http;

/// <summary>
/// Takes the client's address (and scheme) from <c>X-Forwarded-For</c> (<c>-Proto</c>) only when
/// the connection comes from one of <see cref="ForwardedHeadersSettings.KnownProxies"/>. The
/// framework's own default trusts loopback; here nothing is trusted unless configured.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplication UseCascadeForwardedHeaders(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        if (settings.KnownProxies.Count == 0) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in settings.Addresses) options.KnownProxies.Add(proxy);
        app.UseForwardedHeaders(options);
        return app;
    }
}
