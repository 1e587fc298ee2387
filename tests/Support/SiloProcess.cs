using System.Diagnostics;
using System.Text;

namespace Cascade.Tests.Support;

/// <summary>
/// A headless grain node (<c>dotnet Cascade.Silo.dll</c>) in a child process, joining the cluster
/// its settings name, so a test can kill it with SIGKILL.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<SiloProcess> StartAsync(string workingDirectory, params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SiloAssembly());
        foreach (var arg in settings) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The generic host says so once the silo has joined and its services run.
        var started = await Task.WhenAny(silo._started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != silo._started.Task)
            Assert.Fail($"Cascade.Silo did not start within 60 s{(process.HasExited ? $" (exited with {process.ExitCode})" : "")}:\n{silo.Output}");
        return silo;
    }

    /// <summary>
    /// The silo from its own build output (the test project builds it): a copy in the tests'
    /// folder would run with the tests' dependency set, where ASP.NET Core's shared framework
    /// stands in for packages the silo brings itself.
    /// </summary>
    private static string SiloAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // tests/bin/<config>/<tfm>
        var (tfm, config) = (here.Name, here.Parent!.Name);
        var root = here.Parent!.Parent!.Parent!.Parent!;
        var path = Path.Combine(root.FullName, "silo", "bin", config, tfm, "Cascade.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the silo's output is missing.", path);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("Application started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    /// <summary>SIGKILL: no shutdown code runs, the cluster learns of it by missed probes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
