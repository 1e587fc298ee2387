using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Audit;

/// <summary>
/// docs/api.md "Audit": every accepted write and every sign-in appends exactly one entry, in its
/// chain's order; refused and no-op writes append nothing; the hashes are what anyone holding
/// the audit key can recompute from the API's answer.
/// </summary>
public sealed class AuditTrailTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData(11)]
    [InlineData(2026)]
    public async Task A_random_run_appends_exactly_one_entry_per_accepted_write(int seed)
    {
        using var admin = await app.Client();
        var baseline = await Entries(admin);
        var random = new Random(seed);
        var expected = new List<RandomRun.Entry>();
        var run = new RandomRun(app, admin, random, expected, $"s{seed}");
        await run.Setup();
        for (var step = 0; step < 80; step++) await run.Step();

        var total = baseline.Count + expected.Count;
        await Eventually.True(async () => (await Verify(admin)).GetProperty("entries").GetInt64() >= total,
            $"the trail holds {total} entries");
        var verification = await Verify(admin);
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.GetRawText());
        Assert.Equal(total, verification.GetProperty("entries").GetInt64());

        var known = baseline.Select(Key).ToHashSet();
        var added = (await Entries(admin)).Where(e => !known.Contains(Key(e))).ToList();
        // Per chain, exactly the accepted writes in the order they were answered.
        foreach (var chain in expected.Select(e => e.Chain).Concat(added.Select(e => e.GetProperty("chain").GetString()!)).Distinct())
        {
            var wanted = expected.Where(e => e.Chain == chain).ToList();
            var got = added.Where(e => e.GetProperty("chain").GetString() == chain)
                .OrderBy(e => e.GetProperty("seq").GetInt64())
                .Select(e => new RandomRun.Entry(chain, Text(e, "action")!, Text(e, "actor")!, Text(e, "unitId"), Text(e, "taskId")))
                .ToList();
            Assert.Equal(wanted, got);
        }
        Assert.DoesNotContain(added, e => e.GetRawText().Contains("password", StringComparison.OrdinalIgnoreCase));
        await AssertHashesRecomputeInNode(await Entries(admin), Cascade.Audit.AuditKeys.DefaultPath(app.DatabasePath));
    }

    [Fact]
    public async Task An_entry_holds_the_task_before_and_after_with_who_and_when()
    {
        using var admin = await app.Client();
        var unit = Api.Id("au");
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "t1", note: "<script>alert(1)</script>");
        (await admin.Patch(Api.Task(unit, "t1"), """{"progress":40,"status":"inProgress"}""", ifMatch: "\"1\"")).EnsureSuccessStatusCode();
        JsonElement update = default;
        await Eventually.True(async () =>
        {
            var entries = await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={unit}");
            update = entries!.FirstOrDefault(e => Text(e, "action") == "task.update");
            return update.ValueKind == JsonValueKind.Object;
        }, "the update is in the trail");
        Assert.Equal("admin", Text(update, "actor"));
        Assert.Equal(unit, Text(update, "chain"));
        Assert.Equal("t1", Text(update, "taskId"));
        Assert.Equal(0, update.GetProperty("before").GetProperty("progress").GetInt32());
        Assert.Equal("notStarted", update.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal(40, update.GetProperty("after").GetProperty("progress").GetInt32());
        Assert.Equal(2, update.GetProperty("after").GetProperty("version").GetInt64());
        Assert.Equal("<script>alert(1)</script>", update.GetProperty("after").GetProperty("note").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", Text(update, "at"));
        Assert.Equal(3, update.GetProperty("seq").GetInt64()); // unit.create, task.create, task.update
    }

    [Fact]
    public async Task The_query_filters_by_unit_and_time_and_refuses_bad_filters()
    {
        using var admin = await app.Client();
        var unit = Api.Id("aq");
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "t1");
        await Eventually.True(async () => (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={unit}"))!.Length == 2, "two entries");
        var newest = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={unit}&limit=1"))!;
        Assert.Equal("task.create", Text(Assert.Single(newest), "action"));
        var at = Text(newest[0], "at")!;
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={unit}&from=2000-01-01&to={at}"))!.Length);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={unit}&to=2000-01-01T00:00:00Z"))!);

        foreach (var (query, field) in new[]
        {
            ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=x", "limit"), ("from=yesterday", "from"),
            ("to=2026-11-27T08:00:00", "to"), ("unit=NOT%20AN%20ID", "unit"), ("unit=a&unit=b", "unit"),
            ("from=2026-11-28&to=2026-11-27", "to"),
        })
            await (await admin.GetAsync($"/api/v1/audit?{query}")).Invalid(field);
    }

    private static async Task<JsonElement> Verify(HttpClient admin) =>
        await (await admin.GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);

    private static async Task<List<JsonElement>> Entries(HttpClient admin) =>
        [.. (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/audit?limit=1000"))!];

    private static (string, long) Key(JsonElement e) => (e.GetProperty("chain").GetString()!, e.GetProperty("seq").GetInt64());

    private static string? Text(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    /// <summary>
    /// Recomputes every hash the way an outside checker holding the audit key would: Node's
    /// JSON.stringify and HMAC-SHA256 over the fields in the documented order, taken from the
    /// API's answer, under the key the node generated beside its database.
    /// </summary>
    private static async Task AssertHashesRecomputeInNode(List<JsonElement> entries, string keyFile)
    {
        using var folder = new TempDirectory();
        var input = folder.File("entries.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(entries));
        const string script = """
            const crypto = require('crypto');
            const entries = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
            const key = Buffer.from(require('fs').readFileSync(process.argv[2], 'utf8').trim(), 'base64');
            const keys = ['chain','seq','at','actor','action','unitId','taskId','before','after','prevHash'];
            let bad = entries.filter(e => {
              const input = JSON.stringify(Object.fromEntries(keys.map(k => [k, e[k]])));
              return crypto.createHmac('sha256', key).update(input, 'utf8').digest('hex') !== e.hash;
            });
            console.log(JSON.stringify({ checked: entries.length, bad: bad.map(e => e.chain + '#' + e.seq) }));
            """;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(input);
        start.ArgumentList.Add(keyFile);
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, await node.StandardError.ReadToEndAsync());
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(entries.Count, result.GetProperty("checked").GetInt32());
        Assert.Empty(result.GetProperty("bad").EnumerateArray());
    }
}
