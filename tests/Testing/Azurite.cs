using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Cascade.Testing;

/// <summary>
/// Azurite's table service (npm <c>azurite</c>, installed into tests/node_modules by this project's build) on
/// a free loopback port, in memory. Started in the constructor and ready when it returns; stopped
/// with SIGINT on dispose (SIGTERM may lose its last writes), and killed only if it does not stop.
/// </summary>
public sealed class Azurite : IDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Azurite() : this(FreePort.Next()) { }

    /// <summary>On a given port, so a test can start it where a product already expects it.</summary>
    public static Azurite OnPort(int port) => new(port);

    private Azurite(int port)
    {
        Port = port;
        var script = typeof(Azurite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AzuriteTable").Value!;
        if (!File.Exists(script)) throw new InvalidOperationException($"Azurite is not installed at {script}: build the tests or the bench (Cascade.Testing runs npm ci in tests/).");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--disableTelemetry", "--silent", "--inMemoryPersistence" })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Should a test forget to dispose it, it still ends with the test run.
        AppDomain.CurrentDomain.ProcessExit += StopAtExit;
        WaitUntilReady();
    }

    public int Port { get; }

    /// <summary>The id of Azurite's process.</summary>
    public int ProcessId => _process.Id;

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>Azurite's connection string for a port, whether or not anything listens there.</summary>
    public static string ConnectionStringFor(int port, string key = AccountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>A table prefix nobody used yet, so tests sharing one Azurite never see each other's tables.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The audit key of every product on this Azurite (base64 of 35 bytes).</summary>
    public const string AuditKeyText = "Y2FzY2FkZS10ZXN0LWF1ZGl0LWtleS0zMi1ieXRlcyEhISE=";

    /// <summary>The settings that put a product on this Azurite under its own prefix.</summary>
    public Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Cascade:Storage:Provider"] = "azureTable",
        ["Cascade:Storage:AzureTable:ConnectionString"] = ConnectionString,
        ["Cascade:Storage:AzureTable:TablePrefix"] = prefix,
        ["Cascade:Audit:Key"] = AuditKeyText, // a shared store needs one key on every node
    };

    /// <summary>The same as command-line arguments of a child process.</summary>
    public string[] Arguments(string prefix) => [.. Settings(prefix).Select(s => $"--{s.Key}={s.Value}")];

    public string Output { get { lock (_output) return _output.ToString(); } }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private void WaitUntilReady()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with {_process.ExitCode}:\n{Output}");
            try
            {
                // Any HTTP answer (400 to a bare GET) means it listens.
                using var response = client.GetAsync($"http://127.0.0.1:{Port}/").GetAwaiter().GetResult();
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException) { }
            Task.Delay(50).GetAwaiter().GetResult();
        }
        Stop();
        throw new InvalidOperationException($"Azurite did not answer on port {Port} within 30 s:\n{Output}");
    }

    /// <summary>SIGINT, then up to 10 s for it to close; a kill only if it did not.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, SigInt);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= StopAtExit;
        Stop();
        _process.Dispose();
    }

    private void StopAtExit(object? sender, EventArgs e)
    {
        if (!_disposed) Stop();
    }

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
