using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>A write answered 2xx survives kill -9 of the process (docs/api.md "Conventions").</summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class DurabilityTests
{
    private sealed class Stream(string taskId)
    {
        public string TaskId { get; } = taskId;
        public int Acknowledged { get; set; } = -1;
        public long AcknowledgedVersion { get; set; }
        public int? InFlight { get; set; }
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_a_sigkill_in_the_middle_of_a_stream()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        var streams = Enumerable.Range(0, 16).Select(i => new Stream($"t{i}")).ToArray();

        await using (var first = await WebProcess.StartAsync(folder.Path, database))
        {
            var client = first.Client;
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "kjt", parentId = (string?)null, name = "科技厅", kind = "partyGroup" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "bgs", parentId = "kjt", name = "办公室党支部", kind = "branch" })).EnsureSuccessStatusCode();
            foreach (var s in streams)
                (await client.PostAsJsonAsync("/api/v1/units/bgs/tasks", new { id = s.TaskId, title = s.TaskId, track = "party", start = "2026-01-01", due = "2026-12-31" })).EnsureSuccessStatusCode();

            using var stop = new CancellationTokenSource();
            var writers = streams.Select(s => Task.Run(async () =>
            {
                for (var progress = 1; !stop.IsCancellationRequested; progress = progress % 99 + 1)
                {
                    s.InFlight = progress;
                    try
                    {
                        var response = await client.PatchAsJsonAsync($"/api/v1/units/bgs/tasks/{s.TaskId}", new { progress });
                        if (!response.IsSuccessStatusCode) continue;
                        var task = await response.Content.ReadFromJsonAsync<JsonElement>();
                        s.Acknowledged = progress;
                        s.AcknowledgedVersion = task.GetProperty("version").GetInt64();
                    }
                    catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // the process died under this request: not acknowledged
                    }
                }
            })).ToArray();

            await Eventually.True(() => Task.FromResult(streams.All(s => s.Acknowledged > 10)), "every stream has written a while");
            await first.KillAsync();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        await using var second = await WebProcess.StartAsync(folder.Path, database);
        var tasks = await second.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/bgs/tasks");
        Assert.Equal(streams.Length, tasks!.Length);
        foreach (var s in streams)
        {
            var stored = tasks.Single(t => t.GetProperty("id").GetString() == s.TaskId);
            var progress = stored.GetProperty("progress").GetInt32();
            Assert.True(progress == s.Acknowledged || progress == s.InFlight,
                $"{s.TaskId}: stored {progress}, acknowledged {s.Acknowledged}, in flight {s.InFlight}");
            Assert.True(stored.GetProperty("version").GetInt64() >= s.AcknowledgedVersion);
        }

        var expected = tasks.Sum(t => t.GetProperty("progress").GetInt32()) / 100.0 / tasks.Length;
        await Eventually.True(async () =>
        {
            var root = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
            return Math.Abs(root.GetProperty("all").GetProperty("progress").GetDouble() - expected) < 1e-9;
        }, "the root's summary equals the recomputation after the restart");
    }
}
