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
            if (_asPostgres) Run("chown", "postgres:postgres", _folder);
            Run(Tool("initdb"), "-D", Data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
            Run(Tool("pg_ctl"), "-D", Data, "-l", Log, "-w", "-t", "60", "-o",
                $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1", "start");
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

    /// <summary>Stops the server: a fast shutdown, an immediate one if that does not end within 20 s.</summary>
    public void Stop()
    {
        if (!File.Exists(Path.Combine(Data, "postmaster.pid"))) return;
        try { Run(Tool("pg_ctl"), "-D", Data, "-m", "fast", "-w", "-t", "20", "stop"); }
        catch (InvalidOperationException) { Run(Tool("pg_ctl"), "-D", Data, "-m", "immediate", "-w", "-t", "20", "stop"); }
    }

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

    /// <summary>Runs a program to its end (as the postgres user when this process is root); throws with its output when it fails.</summary>
    private void Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(_asPostgres && program != "chown" ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_asPostgres && program != "chown") foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
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
