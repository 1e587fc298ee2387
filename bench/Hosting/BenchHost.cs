using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Bench.Shared;
using Cascade.Bench.Floor;
using Cascade.Testing;
using Cascade.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Hosting;

/// <summary>
/// The whole Cascade web app in this process, as <c>web/Program.cs</c> composes it, on a fresh
/// SQLite file, free ports and no demo (unless <c>settings</c> say otherwise), plus the bench's
/// floor endpoint. Static files (the wall page) come from the repository's <c>web/wwwroot</c>.
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
    /// <summary>Where the database lives; kept after disposal when the host was started with <c>keepData</c>.</summary>
    public string Folder => _folder;
    public string DatabasePath => Path.Combine(_folder, "cascade.db");
    public IServiceProvider Services => _app.Services;
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <param name="settings">Configuration that overrides the bench's defaults, e.g. <c>Cascade:Demo:Seed=true</c>.</param>
    /// <param name="services">Registrations after the product's own, to observe it (never to change what it does).</param>
    /// <param name="folder">The folder of an earlier host's database, to start again on it (a restart); by default a fresh one.</param>
    public static async Task<BenchHost> StartAsync(bool keepData, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), $"cascade-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = WebRoot,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cascade:Storage:Sqlite:Path"] = Path.Combine(folder, "cascade.db"),
            ["Cascade:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Cascade:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["Cascade:Demo:Seed"] = "false",
            ["Cascade:Demo:Simulate"] = "false",
            ["CASCADE_ADMIN_PASSWORD"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCascade();
        services?.Invoke(builder.Services);
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var app = builder.Build();
        app.MapCascade();
        app.MapBenchFloor();
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        BenchHttp.BearerToken = await SignIn(address);
        return new BenchHost(app, folder, keepData, address);
    }

    /// <summary>
    /// A fresh admin password per run (the store is fresh too, unless kept); a child process of the
    /// same run (<c>directives --crash</c>) is given its parent's in <see cref="PasswordVariable"/>.
    /// </summary>
    internal static readonly string AdminPassword = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: >= 10 } given ? given : $"bench-{Guid.NewGuid():N}";

    internal const string PasswordVariable = "CASCADE_BENCH_ADMIN_PASSWORD";

    private static async Task<string> SignIn(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// The web project's <c>wwwroot</c> in the source tree: the bench's own output folder has no
    /// copy of it, and serving the sources is what <c>dotnet run --project web</c> does too.
    /// </summary>
    public static string? WebRoot { get; } = FindWebRoot();

    private static string? FindWebRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "web", "wwwroot");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
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
