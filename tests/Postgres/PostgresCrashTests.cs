using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Testing;
using Cascade.Tests.Support;

namespace Cascade.Tests.Postgres;

/// <summary>
/// PostgreSQL itself killed (kill -9) under a stream of updates: while it is down no write is
/// answered 2xx (503 with Retry-After instead), once it is back writes succeed again without
/// restarting the node, and every write acknowledged before the kill, during and after, is in the
/// database: a node started afresh on it (after a kill -9 of the first) reads each back, and
/// finds the key ring, the wake reminder and a whole audit trail there.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class PostgresCrashTests
{
    private sealed class Stream(string unitId, string taskId)
    {
        public string UnitId { get; } = unitId;
        public string TaskId { get; } = taskId;
        public int Acknowledged { get; set; } = -1;
        public HashSet<int> Unanswered { get; } = [];
    }

    [Fact]
    public async Task Writes_answer_503_while_the_database_is_down_and_none_acknowledged_is_lost()
    {
        using var server = new PostgresServer();
        using var folder = new TempDirectory();
        var databaseName = server.NewDatabase();
        // A restarted node keeps its silo address, as in production: it then supersedes its own
        // entry in the membership table instead of waiting for the dead silo to be voted out.
        string[] storage = [.. server.Arguments(databaseName), $"--Cascade:Cluster:SiloPort={FreePort.Next()}", $"--Cascade:Cluster:GatewayPort={FreePort.Next()}"];
        var unused = folder.File("unused.db");
        var web = await WebProcess.StartAsync(folder.Path, unused, [.. storage, "--Cascade:Demo:Seed=true"]);
        var token = web.AdminToken!;
        var streams = new List<Stream>();
        try
        {
            foreach (var branch in (await web.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw"))!.Take(8))
            {
                var id = branch.GetProperty("id").GetString()!;
                var task = (await web.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{id}/tasks"))!
                    .FirstOrDefault(t => t.GetProperty("status").GetString() != "done");
                if (task.ValueKind == JsonValueKind.Object) streams.Add(new Stream(id, task.GetProperty("id").GetString()!));
            }
            Assert.NotEmpty(streams);

            var down = 0; // 1 from the moment the server is dead until it is started again
            var answers = new ConcurrentDictionary<HttpStatusCode, int>();
            var falseSuccesses = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var writers = streams.Select(s => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var progress = n % 99 + 1;
                    var sentWhileDown = Volatile.Read(ref down) == 1;
                    lock (s) s.Unanswered.Add(progress);
                    try
                    {
                        using var response = await web.Client.PatchAsJsonAsync($"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}", new { progress });
                        answers.AddOrUpdate(response.StatusCode, 1, (_, c) => c + 1);
                        if (response.IsSuccessStatusCode && sentWhileDown && Volatile.Read(ref down) == 1)
                            falseSuccesses.Add($"{s.UnitId}/{s.TaskId} = {progress}");
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) Assert.True(response.Headers.RetryAfter is not null, "a 503 says when to retry");
                        if (!response.IsSuccessStatusCode) { await Task.Delay(100); continue; }
                        lock (s) { s.Acknowledged = progress; s.Unanswered.Clear(); }
                    }
                    catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                    {
                        await Task.Delay(100);
                    }
                }
            })).ToArray();

            await Eventually.True(() => Task.FromResult(streams.All(s => s.Acknowledged > 5)), "every stream has written a while");
            server.Kill();
            Volatile.Write(ref down, 1);
            var okBefore = answers.GetValueOrDefault(HttpStatusCode.OK);
            await Task.Delay(TimeSpan.FromSeconds(4));
            var unavailableWhileDown = answers.GetValueOrDefault(HttpStatusCode.ServiceUnavailable);
            Volatile.Write(ref down, 0);
            server.Start();
            var okAfterRestart = answers.GetValueOrDefault(HttpStatusCode.OK);
            await Eventually.True(() => Task.FromResult(answers.GetValueOrDefault(HttpStatusCode.OK) > okAfterRestart + 4 * streams.Count),
                "writes succeed again once the database is back, without restarting the node", TimeSpan.FromSeconds(60));
            stop.Cancel();
            await Task.WhenAll(writers);

            Assert.Empty(falseSuccesses);
            Assert.True(unavailableWhileDown > 0, $"writes answered 503 while the database was down ({string.Join(", ", answers.Select(a => $"{(int)a.Key}: {a.Value}"))})");
            Assert.True(answers.Keys.All(k => k is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable),
                $"only 200 and 503: {string.Join(", ", answers.Select(a => $"{(int)a.Key}: {a.Value}"))}");
            Console.WriteLine($"PostgreSQL killed under load: {okBefore} writes acknowledged before, {unavailableWhileDown} answered 503 within 4 s of the kill; answers {string.Join(", ", answers.Select(a => $"{(int)a.Key}: {a.Value}"))}");
        }
        finally
        {
            await web.DisposeAsync(); // kill -9: nothing of the node's memory survives
        }

        // A new node on the same database reads every acknowledged write back from it, opens the
        // first run's token with the key ring stored there, finds the organization's wake
        // reminder stored (durable, unlike the embedded mode's), and the audit trail verifies.
        await using var again = await WebProcess.StartAsync(folder.Path, unused, [.. storage, "--Cascade:Demo:Seed=false"]);
        again.Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var verify = await again.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.GetRawText());
        Assert.Equal(1, await Count(server.ConnectionString(databaseName), "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'wake'"));
        Assert.False(File.Exists(unused), "nothing went to SQLite");
        foreach (var s in streams)
        {
            var stored = await again.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}");
            var progress = stored.GetProperty("progress").GetInt32();
            Assert.True(progress == s.Acknowledged || s.Unanswered.Contains(progress),
                $"{s.UnitId}/{s.TaskId}: stored {progress}, acknowledged {s.Acknowledged}, sent since without an answer {string.Join(" ", s.Unanswered)}");
        }
    }

    private static async Task<long> Count(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
