using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
            ["CASCADE_ADMIN_PASSWORD"] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    /// <summary>The first admin's password: every client from <c>CreateClient</c> signs in as that admin.</summary>
    public const string AdminPassword = "admin-password-for-tests";

    private readonly Lock _tokenGate = new();
    private string? _adminToken;

    public FakeTimeProvider Clock { get; } = new(GrainCluster.Start);

    /// <summary>A bearer token of the first admin, asked for once.</summary>
    public string AdminToken
    {
        get
        {
            lock (_tokenGate) return _adminToken ??= SignIn("admin", AdminPassword).GetAwaiter().GetResult();
        }
    }

    /// <summary>Signs in through <c>POST /api/v1/auth/token</c> and answers the bearer token.</summary>
    public async Task<string> SignIn(string username, string password)
    {
        using var client = Server.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client with no credentials at all.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client that sends <paramref name="token"/>.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The app's SQLite file (tests that tamper with stored data open it directly).</summary>
    public string DatabasePath => _settings["Cascade:Storage:Sqlite:Path"]!;

    /// <summary>What the app logged.</summary>
    public CollectedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folder.Dispose();
    }
}
