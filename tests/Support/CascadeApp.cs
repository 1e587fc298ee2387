using Cascade.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Support;

/// <summary>
/// The whole web product in the test process: its own SQLite file and Orleans ports, the demo
/// seed off unless asked for, and the domain clock on a <see cref="FakeTimeProvider"/>.
/// </summary>
public class CascadeApp : WebApplicationFactory<Program>
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _settings;

    public CascadeApp() : this(seedDemo: false) { }

    public CascadeApp(bool seedDemo, Dictionary<string, string?>? settings = null)
    {
        _settings = new()
        {
            ["Cascade:Storage:Sqlite:Path"] = _folder.File("cascade.db"),
            ["Cascade:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Cascade:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["Cascade:Demo:Seed"] = seedDemo ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public FakeTimeProvider Clock { get; } = new(GrainCluster.Start);

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folder.Dispose();
    }
}
