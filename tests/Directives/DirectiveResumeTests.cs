using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Directives;

/// <summary>
/// A fan-out is bounded and resumable: the real product, killed with SIGKILL while a directive's
/// copies are still being placed in the background, finishes on restart with exactly one copy per
/// target and no failed target; the copies' audit entries are one task.create per target.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class DirectiveResumeTests
{
    private const int Branches = 600;

    [Fact]
    public async Task A_fanout_killed_in_the_middle_finishes_on_restart_with_one_copy_per_target()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        // Small batches, none placed before the answer: the fan-out runs long enough to be cut.
        string[] settings = ["--Cascade:Directives:SyncTargets=1", "--Cascade:Directives:FanoutBatch=5"];
        var port = FreePort.Next();
        await using (var first = await WebProcess.StartAsync(folder.Path, database, port, settings))
        {
            var client = first.Client;
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "kjt", parentId = (string?)null, name = "科技厅党组", kind = "partyGroup" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "jgdw", parentId = "kjt", name = "机关党委", kind = "organCommittee" })).EnsureSuccessStatusCode();
            await Parallel.ForAsync(0, Branches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                (await client.PostAsJsonAsync("/api/v1/units", new { id = $"b{i:D4}", parentId = "jgdw", name = $"第{i}党支部", kind = "branch" })).EnsureSuccessStatusCode());

            var accepted = await (await client.PostAsJsonAsync("/api/v1/directives", new
            {
                id = "zt", issuerUnitId = "jgdw", title = "主题教育专题学习", track = "party", start = "2026-10-01", due = "2026-12-31",
                targets = new { under = "jgdw", kinds = new[] { "branch" } },
            })).Expect(HttpStatusCode.Accepted);
            Assert.Equal("deploying", accepted.GetProperty("state").GetString());
            Assert.Equal(Branches, accepted.GetProperty("targetCount").GetInt32());

            // Cut it once some copies exist and others do not yet.
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var placed = (await client.GetFromJsonAsync<JsonElement>("/api/v1/directives/zt")).GetProperty("rollup").GetProperty("targets").GetInt32();
                if (placed > 0) { Assert.True(placed < Branches, $"the fan-out finished ({placed}) before it could be cut"); break; }
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "no copy was placed within 30 s");
                await Task.Delay(20);
            }
            await first.KillAsync();
        }

        await using var second = await WebProcess.StartAsync(folder.Path, database, port, settings);
        JsonElement directive = default;
        await Eventually.True(async () =>
        {
            directive = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/directives/zt");
            return directive.GetProperty("state").GetString() == "deployed";
        }, "the fan-out finishes after the restart", TimeSpan.FromSeconds(60));
        Assert.Equal(Branches, directive.GetProperty("targetCount").GetInt32());
        Assert.Empty(directive.GetProperty("failedTargets").EnumerateArray());
        Assert.Equal(Branches, directive.GetProperty("rollup").GetProperty("targets").GetInt32());
        Assert.Equal(Branches, directive.GetProperty("rollup").GetProperty("notStartedUnits").GetInt32());

        var copies = new List<string>();
        string? after = null;
        do
        {
            var page = await second.Client.GetFromJsonAsync<JsonElement>($"/api/v1/directives/zt/copies?limit=1000{(after is null ? "" : $"&after={after}")}");
            copies.AddRange(page.GetProperty("copies").EnumerateArray().Select(c => c.GetProperty("unitId").GetString()!));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        Assert.Equal(Enumerable.Range(0, Branches).Select(i => $"b{i:D4}"), copies);

        // One task.create per target, however often its batch ran.
        foreach (var unit in new[] { "b0000", $"b{Branches / 2:D4}", $"b{Branches - 1:D4}" })
        {
            // A unit hands its entries to the trail from its outbox after its write: wait for the first.
            JsonElement audit = default;
            await Eventually.True(async () =>
            {
                audit = await second.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?unit={unit}");
                return audit.EnumerateArray().Any(e => e.GetProperty("action").GetString() == "task.create");
            }, $"{unit}'s task.create is in the trail", TimeSpan.FromSeconds(10));
            Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "task.create");
            var tasks = await second.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit}/tasks");
            Assert.Equal("zt", Assert.Single(tasks.EnumerateArray()).GetProperty("directiveId").GetString());
        }
    }
}
