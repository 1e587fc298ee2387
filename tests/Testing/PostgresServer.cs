using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Cascade.Testing;

/// <summary>
/// A PostgreSQL server of its own, from Debian's <c>postgresql</c> package (the newest version under
/// /usr/lib/postgresql; .ci/run installs it), in a temporary folder on a free loopback port: made by
/// <c>initdb</c> and started by <c>pg_ctl</c> in the constructor, ready when it returns; stopped and its
/// folder removed on dispose. <c>initdb</c> refuses to run as root, so as root both run as the
/// <c>postgres</c> user (<c>runuser</c>), which then owns the folder. It listens on 127.0.0.1 only, its
/// socket in its own folder, and trusts its one user <see cref="User"/>: a throwaway server for tests.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "cascade";

    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgres = Environment.UserName == "root";
    private bool _disposed;

    public PostgresServer()
    {
        _bin = Binaries();
        Port = FreePort.Next();
        _folder = Path.Combine(Path.GetTempPath(), "cascade-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        AppDomain.CurrentDomain.ProcessExit += StopAtExit;
        try
        {
            if (_asPostgres) Run(asServer: false, "chown", "postgres:postgres", _folder);
            Run(asServer: true, Tool("initdb"), "-D", Data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
            Start();
            Watch();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>The data folder: <c>postmaster.pid</c> and the server's files.</summary>
    public string Data => Path.Combine(_folder, "data");

    private string Log => Path.Combine(_folder, "server.log");

    /// <summary>The server's log so far (a failed start says why here).</summary>
    public string Output => File.Exists(Log) ? File.ReadAllText(Log) : "";

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database }.ConnectionString;

    /// <summary>A new empty database nobody used yet, so tests sharing one server never see each other's tables.</summary>
    public string NewDatabase()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        create.ExecuteNonQuery();
        return name;
    }

    /// <summary>
    /// A watcher outside this process (a shell of its own session, parented to init) that stops the
    /// server and removes its folder within a second or so of this process ending, however it
    /// ends (and ends itself once <see cref="Dispose"/> removed the folder): the test host may be killed before <see cref="AppDomain.ProcessExit"/> handlers finish,
    /// and a server pg_ctl started is not in this process's tree.
    /// </summary>
    private void Watch()
    {
        var stop = $"{Tool("pg_ctl")} -D {Data} -m immediate -w -t 20 stop";
        var script = "exec </dev/null >/dev/null 2>&1; " + $"while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d {_folder} ]; do sleep 1; done; " +
            $"{(_asPostgres ? $"runuser -u postgres -- {stop}" : stop)}; rm -rf {_folder}";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "sh", "-c", script }) info.ArgumentList.Add(a);
        using var watcher = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start");
        watcher.WaitForExit();
    }

    /// <summary>Starts the server on its port (again, after <see cref="Stop"/> or <see cref="Kill"/>: then it recovers from its write-ahead log first).</summary>
    public void Start() =>
        Run(asServer: true, Tool("pg_ctl"), "-D", Data, "-l", Log, "-w", "-t", "60", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=400", "start");

    /// <summary>Stops the server: a fast shutdown, an immediate one if that does not end within 20 s.</summary>
    public void Stop()
    {
        if (!File.Exists(PidFile)) return;
        try { Run(asServer: true, Tool("pg_ctl"), "-D", Data, "-m", "fast", "-w", "-t", "20", "stop"); }
        catch (InvalidOperationException) { Run(asServer: true, Tool("pg_ctl"), "-D", Data, "-m", "immediate", "-w", "-t", "20", "stop"); }
    }

    /// <summary>
    /// kill -9 of the server's main process, as a crash would; answers once it and every backend
    /// it served are gone (they notice their parent's death within a second or so).
    /// </summary>
    public void Kill()
    {
        var pid = int.Parse(File.ReadLines(PidFile).First());
        using (var postmaster = Process.GetProcessById(pid))
        {
            postmaster.Kill();
            postmaster.WaitForExit(10_000);
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Processes().Count > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
    }

    /// <summary>Processes of this server still running: those working in its data folder (the main process and every backend).</summary>
    public List<int> Processes() =>
        [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0).Where(p => p > 0 && Serves(p))];

    private bool Serves(int pid)
    {
        try
        {
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(false)?.FullName;
            return cwd == Data;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Seconds of CPU the server's processes still running have used so far (from /proc; USER_HZ is 100 on Linux).</summary>
    public double CpuSeconds() => Processes().Sum(pid =>
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException) { return 0; }
    });

    private string PidFile => Path.Combine(Data, "postmaster.pid");

    /// <summary>The settings that put a product on <paramref name="database"/> of this server (a shared store needs the audit key on every node).</summary>
    public Dictionary<string, string?> Settings(string database) => new()
    {
        ["Cascade:Storage:Provider"] = "postgres",
        ["Cascade:Storage:Postgres:ConnectionString"] = ConnectionString(database),
        ["Cascade:Audit:Key"] = AuditKeyText,
    };

    /// <summary>The same as command-line arguments of a child process.</summary>
    public string[] Arguments(string database) => [.. Settings(database).Select(s => $"--{s.Key}={s.Value}")];

    /// <summary>The audit key of every product on a test server (base64 of 35 bytes, as on Azurite).</summary>
    public const string AuditKeyText = Azurite.AuditKeyText;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= StopAtExit;
        try { Stop(); }
        finally { Directory.Delete(_folder, recursive: true); }
    }

    private void StopAtExit(object? sender, EventArgs e) => Dispose();

    private string Tool(string name) => Path.Combine(_bin, name);

    /// <summary>The newest installed version's programs.</summary>
    private static string Binaries()
    {
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no initdb under {root}/*/bin): install Debian's postgresql package, as .ci/run does.");
    }

    /// <summary>Runs a program to its end (a server program as the postgres user when this process is root); throws with its output when it fails.</summary>
    private void Run(bool asServer, string program, params string[] arguments)
    {
        var viaRunuser = asServer && _asPostgres;
        var info = new ProcessStartInfo(viaRunuser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaRunuser) foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 90 s:\n{output}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}\n{Output}");
    }
}
