using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cluster;

/// <summary>
/// A cluster with real processes, on Azure Table Storage, PostgreSQL or one SQLite file: two web
/// nodes and a silo node form one cluster; a wall on one node sees writes made through the other; kill -9 of a web node in the
/// middle of a stream of updates loses no acknowledged write, the wall on the survivor never
/// stops, the wall on the dead node reconnects to the address it is given next and converges to
/// the exact state, and the roll-up equals a recomputation from every task. Killing the silo
/// node instead moves its grains to the web nodes, and neither wall stops.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class ClusterTests
{
    private sealed class Stream(string unitId, string taskId)
    {
        public string UnitId { get; } = unitId;
        public string TaskId { get; } = taskId;
        public int Acknowledged { get; set; } = -1;
        public long AcknowledgedVersion { get; set; }
        /// <summary>
        /// Values sent since the last 2xx that got none: each may have been stored all the same (the
        /// node died after the write, before the answer), and then the later ones failed.
        /// </summary>
        public HashSet<int> Unanswered { get; } = [];
    }

    /// <summary>
    /// A node's own ports and place. With azureTable or postgres the nodes find each other in the
    /// membership table; the embedded cluster (every node on one SQLite file) joins through the first node's
    /// silo port (localhost clustering), so the node killed is never that one: with localhost
    /// clustering the primary is where membership lives.
    /// </summary>
    private static string[] Node(int siloPort, int? primary, bool seed) =>
    [
        $"--Cascade:Cluster:SiloPort={siloPort}",
        $"--Cascade:Cluster:GatewayPort={FreePort.Next()}",
        .. primary is { } p ? new[] { $"--Cascade:Cluster:PrimarySiloPort={p}" } : [],
        $"--Cascade:Demo:Seed={(seed ? "true" : "false")}",
    ];

    /// <summary>The settings that put a node on a new, empty shared store (<c>azureTable</c> on an Azurite of its own, or <c>postgres</c> on a new database), and what to dispose after.</summary>
    private static (string[] Settings, IDisposable? Store) SharedStore(string provider)
    {
        if (provider == "postgres") return (Support.Postgres.Server.Arguments(Support.Postgres.Server.NewDatabase()), null);
        var azurite = new Azurite();
        return (azurite.Arguments(Azurite.NewPrefix()), azurite);
    }

    [Theory]
    [InlineData("azureTable")]
    [InlineData("postgres")]
    public async Task On_a_shared_store_killing_a_web_node_mid_stream_loses_no_acknowledged_write_and_every_wall_converges(string provider)
    {
        var (storage, store) = SharedStore(provider);
        using var _ = store;
        using var folder = new TempDirectory();
        var database = folder.File("unused.db"); // WebProcess names one; a shared store never opens it
        // B first: the first node's start-up pass activates the organization grain, which places every unit beside it.
        await using var b = await WebProcess.StartAsync(folder.Path, database, [.. storage, .. Node(FreePort.Next(), null, seed: true)]);
        await using var a = await WebProcess.StartAsync(folder.Path, database, [.. storage, .. Node(FreePort.Next(), null, seed: false)]);
        await using var silo = await SiloProcess.StartAsync(folder.Path, [.. storage, .. Node(FreePort.Next(), null, seed: false)]);
        await KillingANode(a, b, b.KillAsync, webNodeDies: true);
        Assert.False(File.Exists(database), "nothing went to SQLite");
    }

    [Theory]
    [InlineData("azureTable")]
    [InlineData("postgres")]
    public async Task On_a_shared_store_killing_the_silo_node_mid_stream_loses_no_acknowledged_write_and_no_wall_stops(string provider)
    {
        var (storage, store) = SharedStore(provider);
        using var _ = store;
        using var folder = new TempDirectory();
        var database = folder.File("unused.db");
        await using var a = await WebProcess.StartAsync(folder.Path, database, [.. storage, .. Node(FreePort.Next(), null, seed: true)]);
        await using var b = await WebProcess.StartAsync(folder.Path, database, [.. storage, .. Node(FreePort.Next(), null, seed: false)]);
        await using var silo = await SiloProcess.StartAsync(folder.Path, [.. storage, .. Node(FreePort.Next(), null, seed: false)]);
        await KillingANode(a, b, silo.KillAsync, webNodeDies: false);
    }

    [Fact]
    public async Task On_one_sqlite_file_killing_a_web_node_mid_stream_loses_no_acknowledged_write_and_every_wall_converges()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        var primary = FreePort.Next();
        await using var a = await WebProcess.StartAsync(folder.Path, database, Node(primary, null, seed: true));
        await using var b = await WebProcess.StartAsync(folder.Path, database, Node(FreePort.Next(), primary, seed: false));
        await using var silo = await SiloProcess.StartAsync(folder.Path, [$"--Cascade:Storage:Sqlite:Path={database}", .. Node(FreePort.Next(), primary, seed: false)]);
        await KillingANode(a, b, b.KillAsync, webNodeDies: true);
    }

    /// <summary>
    /// A cluster of web node A, web node B and a silo node: <paramref name="kill"/> kills B
    /// (<paramref name="webNodeDies"/>) or the silo node mid-stream. Writes go through both web
    /// nodes (those through a dead B fail, and are not acknowledged). The units live where the
    /// organization grain was first activated (placement prefers the caller's silo): on the first
    /// node started. On Azure Tables and PostgreSQL that is B, so every unit must come back on the survivors; on
    /// SQLite it must be A, the primary, and B's death takes the feeds and hub state it held.
    /// </summary>
    private static async Task KillingANode(WebProcess a, WebProcess b, Func<Task> kill, bool webNodeDies)
    {
        var token = a.AdminToken!;

        // One cluster: a wall on A sees a write made through B.
        await using var wallA = await LiveWall.StartAsync([a.Address], token, "kjt", 2);
        await using var wallB = await LiveWall.StartAsync([b.Address, a.Address], token, "kjt", 2);
        var before = wallA.Units["gxjs"].Version;
        (await b.Client.PatchAsJsonAsync("/api/v1/units/gxjs/tasks/shyk", new { progress = 61 })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(wallA.Units["gxjs"].Version > before), "a wall on A sees a write made through B");

        // A stream of updates through both web nodes, one task per branch.
        var branches = (await a.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw"))!.Select(u => u.GetProperty("id").GetString()!).ToList();
        var streams = new List<Stream>();
        foreach (var branch in branches.Take(12))
        {
            var task = (await a.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{branch}/tasks"))!
                .FirstOrDefault(t => t.GetProperty("status").GetString() != "done");
            if (task.ValueKind == JsonValueKind.Object) streams.Add(new Stream(branch, task.GetProperty("id").GetString()!));
        }
        using var stop = new CancellationTokenSource();
        var nodes = new[] { a.Client, b.Client };
        var writers = streams.Select((s, i) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var progress = n % 99 + 1;
                s.Unanswered.Add(progress);
                try
                {
                    var response = await nodes[(i + n) % 2].PatchAsJsonAsync($"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}", new { progress });
                    if (!response.IsSuccessStatusCode) continue; // 503 while the cluster learns of the death: not acknowledged
                    var task = await response.Content.ReadFromJsonAsync<JsonElement>();
                    s.Acknowledged = progress;
                    s.AcknowledgedVersion = task.GetProperty("version").GetInt64();
                    s.Unanswered.Clear();
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
                {
                    await Task.Delay(50); // the node died under this request: not acknowledged
                }
            }
        })).ToArray();

        await Eventually.True(() => Task.FromResult(streams.All(s => s.Acknowledged > 5)), "every stream has written a while");
        var killedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await kill();
        // Kill -> every acknowledged task reads back (docs/operations.md): GETs sent after the kill
        // through the survivor A, each waiting out the dead node and the 503s of its units' moves.
        var recovery = ReadBack();
        async Task<TimeSpan> ReadBack()
        {
            await Task.WhenAll(streams.Select(s => Read<JsonElement>(a, $"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}")));
            return clock.Elapsed;
        }
        await Task.Delay(TimeSpan.FromSeconds(8)); // the stream goes on through the survivors
        stop.Cancel();
        await Task.WhenAll(writers); // a request waiting for a grain on B ends when B is declared dead
        var streamEnded = clock.Elapsed;
        var readBack = await recovery;

        // Every acknowledged write is there.
        foreach (var s in streams)
        {
            var stored = await Read<JsonElement>(a, $"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}");
            var progress = stored.GetProperty("progress").GetInt32();
            Assert.True(progress == s.Acknowledged || s.Unanswered.Contains(progress),
                $"{s.UnitId}/{s.TaskId}: stored {progress}, acknowledged {s.Acknowledged}, sent since without an answer {string.Join(" ", s.Unanswered)}");
            Assert.True(stored.GetProperty("version").GetInt64() >= s.AcknowledgedVersion);
        }

        // The wall on A never stopped; the wall on B moved to A if B died, and never stopped either if not.
        Assert.Equal(0, wallA.Losses);
        Assert.True(wallA.LastMessageAt > killedAt, "the wall on the surviving node kept receiving after the kill");
        if (webNodeDies) Assert.True(wallB.Losses >= 1, "the wall on B lost its node");
        else
        {
            Assert.Equal(0, wallB.Losses);
            Assert.True(wallB.LastMessageAt > killedAt, "the wall on B kept receiving after the silo node died");
        }

        // Both walls converge to exactly what the API says, and that is a recomputation from every
        // task: a report lost with the node is repaired by the pass that follows the node's death.
        var units = await Read<JsonElement[]>(a, "/api/v1/units");
        var parents = units.ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("parentId").GetString());
        var summaries = new Dictionary<string, JsonElement>();
        var wrong = new List<string>();
        await Eventually.True(async () =>
        {
            summaries.Clear();
            foreach (var id in parents.Keys) summaries[id] = await Read<JsonElement>(a, $"/api/v1/units/{id}/summary");
            wrong = await DifferencesFromRecomputation(a, parents, summaries);
            return wrong.Count == 0 && Same(wallA, summaries) && Same(wallB, summaries) && wallB.ConnectedTo == (webNodeDies ? a.Address : b.Address);
        }, "both walls hold exactly the summaries the API answers, and they equal a recomputation", TimeSpan.FromSeconds(90),
            () => $"Differences from a recomputation: {(wrong.Count == 0 ? "none" : string.Join("; ", wrong))}; wall on B at {wallB.ConnectedTo}.");
        Console.WriteLine($"cluster, {(webNodeDies ? "web node B" : "the silo node")} killed: every acknowledged task read back {readBack.TotalSeconds:F1} s after the kill; the stream ended {streamEnded.TotalSeconds:F1} s (the last request waiting on the dead node answered) and walls were exact {clock.Elapsed.TotalSeconds:F1} s after the kill; {streams.Sum(s => s.Acknowledged)} acknowledged progress points");
        foreach (var (name, node) in new[] { ("A", a), ("B", b) })
            foreach (var line in node.Output.Split('\n').Where(l => l.Contains("The cluster changed"))) Console.WriteLine($"node {name}: {line.Trim()}");
    }

    /// <summary>Each unit whose summary differs from its subtree's tasks, recomputed here.</summary>
    private static async Task<List<string>> DifferencesFromRecomputation(WebProcess node, Dictionary<string, string?> parents, Dictionary<string, JsonElement> summaries)
    {
        var tasks = new Dictionary<string, JsonElement[]>();
        foreach (var id in parents.Keys) tasks[id] = await Read<JsonElement[]>(node, $"/api/v1/units/{id}/tasks");
        var wrong = new List<string>();
        foreach (var (id, summary) in summaries)
        {
            var below = parents.Keys.Where(u => Within(parents, u, id)).SelectMany(u => tasks[u]).ToList();
            var weight = below.Sum(t => t.GetProperty("weight").GetDouble());
            var all = summary.GetProperty("all");
            var progress = below.Count == 0 ? 0 : below.Sum(t => t.GetProperty("weight").GetDouble() * t.GetProperty("progress").GetInt32() / 100.0) / weight;
            if (below.Count != all.GetProperty("count").GetInt32() || below.Count > 0 && Math.Abs(progress - all.GetProperty("progress").GetDouble()) >= 1e-9)
                wrong.Add($"{id}: {all.GetProperty("count").GetInt32()} tasks at progress {all.GetProperty("progress").GetDouble()}, recomputed {below.Count} at {progress}");
        }
        return wrong;
    }

    /// <summary>
    /// A GET that waits out 503s: while the cluster recovers, a grain that lived on the dead node
    /// may still be activating on a survivor, and the API says so with 503 and Retry-After.
    /// </summary>
    private static async Task<T> Read<T>(WebProcess node, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await node.Client.GetAsync(path);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<T>())!;
            }
            await Task.Delay(200);
        }
    }

    private static bool Within(Dictionary<string, string?> parents, string unit, string ancestor)
    {
        for (string? at = unit; at is not null; at = parents.GetValueOrDefault(at))
            if (at == ancestor) return true;
        return false;
    }

    private static bool Same(LiveWall wall, Dictionary<string, JsonElement> summaries)
    {
        var held = wall.Units;
        foreach (var (id, summary) in summaries)
        {
            if (!held.TryGetValue(id, out var mine)) return false;
            if (mine.Version != summary.GetProperty("version").GetInt64()) return false;
        }
        return true;
    }
}
