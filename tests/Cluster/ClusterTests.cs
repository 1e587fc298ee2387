using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cluster;

/// <summary>
/// Issue 6 "Cluster behaviour", with real processes: two web nodes and a silo node form one
/// cluster; a wall on one node sees writes made through the other; kill -9 of a web node in the
/// middle of a stream of updates loses no acknowledged write, the wall on the survivor never
/// stops, the wall on the dead node reconnects to the address it is given next and converges to
/// the exact state, and the roll-up equals a recomputation from every task.
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
        public int? InFlight { get; set; }
    }

    /// <summary>
    /// A node's own ports and place. With azureTable the nodes find each other in the membership
    /// table; the embedded cluster (every node on one SQLite file) joins through the first node's
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

    [Fact]
    public async Task On_azure_table_storage_killing_a_web_node_mid_stream_loses_no_acknowledged_write_and_every_wall_converges()
    {
        using var azurite = new Azurite();
        using var folder = new TempDirectory();
        var storage = azurite.Arguments(Azurite.NewPrefix());
        var database = folder.File("unused.db"); // WebProcess names one; azureTable never opens it
        await using var a = await WebProcess.StartAsync(folder.Path, database, [.. storage, .. Node(FreePort.Next(), null, seed: true)]);
        await using var b = await WebProcess.StartAsync(folder.Path, database, [.. storage, .. Node(FreePort.Next(), null, seed: false)]);
        await using var silo = await SiloProcess.StartAsync(folder.Path, [.. storage, .. Node(FreePort.Next(), null, seed: false)]);
        await KillingAWebNode(a, b);
        Assert.False(File.Exists(database), "nothing went to SQLite");
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
        await KillingAWebNode(a, b);
    }

    /// <summary>A cluster of web node A (seeded), web node B and a silo node: B dies mid-stream.</summary>
    private static async Task KillingAWebNode(WebProcess a, WebProcess b)
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
                s.InFlight = progress;
                try
                {
                    var response = await nodes[(i + n) % 2].PatchAsJsonAsync($"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}", new { progress });
                    if (!response.IsSuccessStatusCode) continue; // 503 while the cluster learns of the death: not acknowledged
                    var task = await response.Content.ReadFromJsonAsync<JsonElement>();
                    s.Acknowledged = progress;
                    s.AcknowledgedVersion = task.GetProperty("version").GetInt64();
                    s.InFlight = null;
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
        await b.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(8)); // the stream goes on through A
        stop.Cancel();
        await Task.WhenAll(writers); // a request waiting for a grain on B ends when B is declared dead
        var streamEnded = clock.Elapsed;

        // Every acknowledged write is there.
        foreach (var s in streams)
        {
            var stored = await a.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{s.UnitId}/tasks/{s.TaskId}");
            var progress = stored.GetProperty("progress").GetInt32();
            Assert.True(progress == s.Acknowledged || progress == s.InFlight,
                $"{s.UnitId}/{s.TaskId}: stored {progress}, acknowledged {s.Acknowledged}, in flight {s.InFlight}");
            Assert.True(stored.GetProperty("version").GetInt64() >= s.AcknowledgedVersion);
        }

        // The wall on A never stopped; the wall on B moved to A.
        Assert.Equal(0, wallA.Losses);
        Assert.True(wallA.LastMessageAt > killedAt, "the wall on the surviving node kept receiving after the kill");
        Assert.True(wallB.Losses >= 1, "the wall on B lost its node");

        // Both walls converge to exactly what the API says, and that is a recomputation from every
        // task: a report lost with the node is repaired by the pass that follows the node's death.
        var units = (await a.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units"))!;
        var parents = units.ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("parentId").GetString());
        var summaries = new Dictionary<string, JsonElement>();
        var wrong = new List<string>();
        await Eventually.True(async () =>
        {
            summaries.Clear();
            foreach (var id in parents.Keys) summaries[id] = await a.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{id}/summary");
            wrong = await DifferencesFromRecomputation(a, parents, summaries);
            return wrong.Count == 0 && Same(wallA, summaries) && Same(wallB, summaries) && wallB.ConnectedTo == a.Address;
        }, "both walls hold exactly the summaries the API answers, and they equal a recomputation", TimeSpan.FromSeconds(90),
            () => $"Differences from a recomputation: {(wrong.Count == 0 ? "none" : string.Join("; ", wrong))}; wall on B at {wallB.ConnectedTo}.");
        Console.WriteLine($"cluster ({b.Address}): the stream ended {streamEnded.TotalSeconds:F1} s and walls were exact {clock.Elapsed.TotalSeconds:F1} s after the kill; {streams.Sum(s => s.Acknowledged)} acknowledged progress points");
        foreach (var line in a.Output.Split('\n').Where(l => l.Contains("The cluster changed"))) Console.WriteLine($"node A: {line.Trim()}");
    }

    /// <summary>Each unit whose summary differs from its subtree's tasks, recomputed here.</summary>
    private static async Task<List<string>> DifferencesFromRecomputation(WebProcess node, Dictionary<string, string?> parents, Dictionary<string, JsonElement> summaries)
    {
        var tasks = new Dictionary<string, JsonElement[]>();
        foreach (var id in parents.Keys) tasks[id] = (await node.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{id}/tasks"))!;
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
