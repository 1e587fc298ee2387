using System.Net.Sockets;
using Cascade.Testing;
using Cascade.Tests.Support;
using Npgsql;

namespace Cascade.Tests.Postgres;

/// <summary>
/// The fixture the PostgreSQL tests stand on (<see cref="PostgresServer"/>): a server of its own,
/// a database of its own per test, on loopback only, leaving neither a process nor a file behind.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_server_of_its_own_takes_writes_and_leaves_nothing_behind()
    {
        string data;
        int port;
        using (var server = new PostgresServer())
        {
            (data, port) = (server.Data, server.Port);
            var database = server.NewDatabase();
            await using (var connection = new NpgsqlConnection(server.ConnectionString(database)))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TABLE row_written (id int PRIMARY KEY, name text NOT NULL); INSERT INTO row_written VALUES (1, '办公室党支部')", connection);
                await create.ExecuteNonQueryAsync();
            }
            await using (var other = new NpgsqlConnection(server.ConnectionString(server.NewDatabase())))
            {
                await other.OpenAsync();
                await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename = 'row_written'", other);
                Assert.Equal(0L, await tables.ExecuteScalarAsync()); // a new database is empty
            }
            await using (var again = new NpgsqlConnection(server.ConnectionString(database)))
            {
                await again.OpenAsync();
                await using var read = new NpgsqlCommand("SELECT name FROM row_written WHERE id = 1", again);
                Assert.Equal("办公室党支部", await read.ExecuteScalarAsync());
                await using var listen = new NpgsqlCommand("SHOW listen_addresses", again);
                Assert.Equal("127.0.0.1", await listen.ExecuteScalarAsync());
            }
        }

        Assert.False(Directory.Exists(data));
        // The server at once; its watcher (which would stop it had this process died) within a second or so.
        await Eventually.True(() => Task.FromResult(!ServerProcesses().Any(line => line.Contains(data))),
            "no process names the data folder", TimeSpan.FromSeconds(10), () => string.Join("\n", ServerProcesses().Where(l => l.Contains(data))));
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
    }

    /// <summary>Every process's command line (a postmaster names its data folder in it).</summary>
    private static List<string> ServerProcesses()
    {
        var lines = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try { lines.Add(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')); }
            catch (IOException) { } // ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return lines;
    }
}
