using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Directives;

/// <summary>
/// <c>bench -- directives</c>: a province (100,000 units, 10 tasks each) built in process, then
/// one directive from the root to every unit below it (99,999) over HTTP as the admin: the time
/// to the answer (every target checked first), to <c>deployed</c> (every copy placed), and for a
/// change of its due date to reach every copy. With <c>--crash</c> (<see cref="DirectiveCrash"/>)
/// the product is killed in the middle of the fan-out and restarted instead.
/// </summary>
public static class DirectivesBenchmark
{
    public const string Id = "bench";

    public static async Task<int> RunAsync(DirectivesOptions options)
    {
        if (options.Child is { } folder) return await DirectiveCrash.ChildAsync(options, folder);
        if (options.Crash) return await DirectiveCrash.RunAsync(options);
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Product: {SourceVersion.Describe()}");
        await using var host = await BenchHost.StartAsync(keepData: false);
        var tree = await BuildAsync(host, options);
        using var http = BenchHttp.Create(4);
        http.Timeout = TimeSpan.FromMinutes(5);
        var url = new Uri(host.Address, $"/api/v1/directives/{Id}");
        var today = host.Services.GetRequiredService<DomainClock>().Today;
        var watch = Stopwatch.StartNew();
        await PostAsync(http, host, tree.RootId, today);
        var answered = watch.Elapsed;
        var deployed = await WaitFor(http, url, d => d.GetProperty("state").GetString() == "deployed", watch);
        var directive = await http.GetFromJsonAsync<JsonElement>(url);
        var targets = directive.GetProperty("targetCount").GetInt32();
        var placed = directive.GetProperty("rollup").GetProperty("targets").GetInt32();
        var failed = directive.GetProperty("failedTargets").GetArrayLength();

        // A change of the owned due date: every copy follows (the shards' work, as with the fan-out).
        var sample = tree.Units[^1].Id;
        var newDue = today.AddDays(90).ToString("yyyy-MM-dd");
        watch.Restart();
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { due = newDue }) })
            (await http.SendAsync(patch)).EnsureSuccessStatusCode();
        var patchAnswered = watch.Elapsed;
        var followed = await WaitFor(http, new Uri(host.Address, $"/api/v1/units/{sample}/tasks/{Id}"), t => t.GetProperty("due").GetString() == newDue, watch);

        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| Targets (every unit below the root) | {targets:N0}; copies placed {placed:N0}; failed {failed} |");
        Console.WriteLine($"| POST answered (every target checked, 202) | {answered.TotalSeconds:F1} s |");
        Console.WriteLine($"| Deployed (every copy placed) after the POST | {deployed.TotalSeconds:F1} s |");
        Console.WriteLine($"| Due date change answered / reached the last target | {patchAnswered.TotalSeconds:F1} s / {followed.TotalSeconds:F1} s |");
        Console.WriteLine($"| Process RSS after | {ProcessFacts.Mb(ProcessFacts.Rss)} |");
        return placed == targets && failed == 0 ? 0 : 1;
    }

    /// <summary>The province, built in process; answers when the root shows every task.</summary>
    internal static Task<TreePlan> BuildAsync(BenchHost host, DirectivesOptions options) => Province.BuildAsync(host, options.Units, options.TasksPerUnit);

    /// <summary>The directive from the root to every unit below it.</summary>
    internal static async Task PostAsync(HttpClient http, BenchHost host, string rootId, DateOnly today)
    {
        using var created = await http.PostAsJsonAsync(new Uri(host.Address, "/api/v1/directives"), new
        {
            id = Id, issuerUnitId = rootId, title = "主题教育专题学习", track = "party",
            start = today.AddDays(-10).ToString("yyyy-MM-dd"), due = today.AddDays(60).ToString("yyyy-MM-dd"),
            targets = new { under = rootId },
        });
        if ((int)created.StatusCode is not (201 or 202))
            throw new InvalidOperationException($"POST answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
    }

    internal static async Task<TimeSpan> WaitFor(HttpClient http, Uri url, Func<JsonElement, bool> done, Stopwatch watch)
    {
        while (true)
        {
            if (done(await http.GetFromJsonAsync<JsonElement>(url))) return watch.Elapsed;
            if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{url} not done after 10 minutes");
            await Task.Delay(200);
        }
    }
}
