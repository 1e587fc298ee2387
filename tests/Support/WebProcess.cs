using System.Net.Http.Json;
using System.Diagnostics;
using System.Text;

namespace Cascade.Tests.Support;

/// <summary>
/// The real product in a child process (<c>dotnet Cascade.Web.dll</c>), on its own ports and
/// database file, so a test can kill it with SIGKILL and start it again.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<WebProcess> StartAsync(string workingDirectory, string databasePath, params string[] settings) =>
        LaunchOnFreePortsAsync(workingDirectory, databasePath, AdminPassword, settings);

    /// <summary>Starts on a given port, so a restarted process answers at the same address.</summary>
    public static Task<WebProcess> StartAsync(string workingDirectory, string databasePath, int port, params string[] settings) =>
        LaunchAsync(workingDirectory, databasePath, port, AdminPassword, settings);

    /// <summary>Starts with no <c>CASCADE_ADMIN_PASSWORD</c> and signs nobody in: the first start's own choice.</summary>
    public static Task<WebProcess> StartWithoutAdminPasswordAsync(string workingDirectory, string databasePath, params string[] settings) =>
        LaunchOnFreePortsAsync(workingDirectory, databasePath, null, settings);

    /// <summary>
    /// A port free when picked can be taken before the process binds it (an outgoing connection's
    /// ephemeral port, another test's server): a start that fails on that is tried again on new ports.
    /// </summary>
    private static async Task<WebProcess> LaunchOnFreePortsAsync(string workingDirectory, string databasePath, string? adminPassword, string[] settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LaunchAsync(workingDirectory, databasePath, FreePort.Next(), adminPassword, settings);
            }
            catch (Xunit.Sdk.FailException failed) when (attempt < 3 && failed.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) { }
        }
    }

    /// <summary>Starts a product that is expected to refuse to start: answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string workingDirectory, string databasePath, TimeSpan timeout, params string[] settings)
    {
        await using var web = Spawn(workingDirectory, databasePath, FreePort.Next(), AdminPassword, settings);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await web._process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Cascade.Web still ran after {timeout}:\n{web.Output}");
        }
        web._process.WaitForExit(); // the output's last lines
        return (web._process.ExitCode, web.Output);
    }

    private static async Task<WebProcess> LaunchAsync(string workingDirectory, string databasePath, int port, string? adminPassword, string[] settings)
    {
        var web = Spawn(workingDirectory, databasePath, port, adminPassword, settings);
        try
        {
            await web.WaitUntilReady();
            if (adminPassword is not null) await web.SignInAsAdmin();
            return web;
        }
        catch
        {
            await web.DisposeAsync(); // never leave a process behind a failed start
            throw;
        }
    }

    private static WebProcess Spawn(string workingDirectory, string databasePath, int port, string? adminPassword, string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cascade.Web.dll"));
        foreach (var arg in new[]
        {
            "--urls", $"http://127.0.0.1:{port}",
            $"--Cascade:Storage:Sqlite:Path={databasePath}",
            $"--Cascade:Cluster:SiloPort={FreePort.Next()}",
            $"--Cascade:Cluster:GatewayPort={FreePort.Next()}",
            "--Cascade:Demo:Seed=false",
        }.Concat(settings)) info.ArgumentList.Add(arg);
        if (adminPassword is null) info.Environment.Remove("CASCADE_ADMIN_PASSWORD");
        else info.Environment["CASCADE_ADMIN_PASSWORD"] = adminPassword;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return web;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) Assert.Fail($"Cascade.Web exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await Client.GetAsync("/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        Assert.Fail($"Cascade.Web was not ready (/readyz) within 60 s:\n{Output}");
    }

    /// <summary>The first admin's password in every child process; <see cref="Client"/> signs in as that admin.</summary>
    public const string AdminPassword = CascadeApp.AdminPassword;

    public string? AdminToken { get; private set; }

    private async Task SignInAsAdmin()
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = AdminPassword });
        if (!response.IsSuccessStatusCode) Assert.Fail($"Signing in as admin answered {(int)response.StatusCode}:\n{Output}");
        AdminToken = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }
}
