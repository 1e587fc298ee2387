using Cascade.Bench.Floor;
using Cascade.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Hosting;

/// <summary>
/// The whole Cascade web app in this process, as <c>web/Program.cs</c> composes it, on a fresh
/// SQLite file, free ports and no demo, plus the bench's floor endpoint.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly bool _keepData;

    private BenchHost(WebApplication app, string folder, bool keepData, Uri address)
    {
        _app = app;
        _folder = folder;
        _keepData = keepData;
        Address = address;
    }

    public Uri Address { get; }
    public string DatabasePath => Path.Combine(_folder, "cascade.db");
    public IServiceProvider Services => _app.Services;
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchHost> StartAsync(bool keepData)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cascade-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cascade:Storage:Sqlite:Path"] = Path.Combine(folder, "cascade.db"),
            ["Cascade:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Cascade:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["Cascade:Demo:Seed"] = "false",
            ["Cascade:Demo:Simulate"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
        });
        builder.AddCascade();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var app = builder.Build();
        app.MapCascade();
        app.MapBenchFloor();
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return new BenchHost(app, folder, keepData, address);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        if (!_keepData)
        {
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { }
        }
    }
}
