using System.Text.Json;
using System.Text.Json.Serialization;
using Cascade.Web.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cascade.Web.Wall;

public static class WallExtensions
{
    /// <summary>The hub, the host's end of the push path and what they share.</summary>
    public static WebApplicationBuilder AddCascadeWall(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o => o.AddFilter<WallHubLog>()).AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.PayloadSerializerOptions.Converters.Add(new UtcTimeConverter());
        });
        builder.Logging.AddFilter(WallHubLog.DispatcherCategory, LogLevel.Critical);
        builder.Services.TryAddSingleton<WallLifetimeManager>();
        builder.Services.AddSingleton<HubLifetimeManager<WallHub>>(sp => sp.GetRequiredService<WallLifetimeManager>());
        builder.Services.AddSingleton<ServerBuild>();
        builder.Services.AddSingleton<WallPush>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WallPush>());
        builder.Services.AddHostedService<WallSessionCheck>();
        return builder;
    }

    public static WebApplication MapCascadeWall(this WebApplication app)
    {
        // Signed-in users and kiosk tokens (the fallback policy); WallSessionCheck cuts connections whose credential ends.
        app.MapHub<WallHub>("/hubs/wall");
        app.MapCascadeWallPage();
        return app;
    }
}
