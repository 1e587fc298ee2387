using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Directives;

/// <summary>
/// <c>bench -- directives --crash</c>: a child process (this program again) builds the province on
/// a database folder, issues the directive to every unit below the root and says when part of
/// the copies exist; this process kills it with SIGKILL there, starts the product again on the
/// same database and times the fan-out's finish, then checks that every target holds exactly
/// one copy (the copies paged through, each unit once) and that none failed.
/// </summary>
public static class DirectiveCrash
{
    private const string CutLine = "CUT ";

    public static async Task<int> RunAsync(DirectivesOptions options)
    {
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Product: {SourceVersion.Describe()}");
        var folder = Path.Combine(Path.GetTempPath(), $"cascade-bench-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var placedAtCut = await RunChildUntilCut(options, folder);
            var watch = Stopwatch.StartNew();
            await using var host = await BenchHost.StartAsync(keepData: false, folder: folder);
            var started = watch.Elapsed;
            using var http = BenchHttp.Create(4);
            http.Timeout = TimeSpan.FromMinutes(5);
            var url = new Uri(host.Address, $"/api/v1/directives/{DirectivesBenchmark.Id}");
            var finished = await DirectivesBenchmark.WaitFor(http, url, d => d.GetProperty("state").GetString() == "deployed", watch);
            var directive = await http.GetFromJsonAsync<JsonElement>(url);
            var targets = directive.GetProperty("targetCount").GetInt32();
            var placed = directive.GetProperty("rollup").GetProperty("targets").GetInt32();
            var failed = directive.GetProperty("failedTargets").GetArrayLength();
            var (listed, distinct) = await CountCopies(http, host);

            Console.WriteLine();
            Console.WriteLine("| figure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| Copies placed when the process was killed (SIGKILL) | {placedAtCut:N0} of {targets:N0} |");
            Console.WriteLine($"| Restart on the same database until the product answered | {started.TotalSeconds:F1} s |");
            Console.WriteLine($"| Restart until deployed (every copy placed) | {finished.TotalSeconds:F1} s |");
            Console.WriteLine($"| Copies after: roll-up / listed / distinct units / failed | {placed:N0} / {listed:N0} / {distinct:N0} / {failed} |");
            return placed == targets && listed == targets && distinct == targets && failed == 0 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The child's side: build, issue, wait until a quarter of the copies exist, say so, and wait to be killed.</summary>
    public static async Task<int> ChildAsync(DirectivesOptions options, string folder)
    {
        var host = await BenchHost.StartAsync(keepData: true, folder: folder);
        var tree = await DirectivesBenchmark.BuildAsync(host, options);
        using var http = BenchHttp.Create(4);
        http.Timeout = TimeSpan.FromMinutes(5);
        await DirectivesBenchmark.PostAsync(http, host, tree.RootId, host.Services.GetRequiredService<DomainClock>().Today);
        var url = new Uri(host.Address, $"/api/v1/directives/{DirectivesBenchmark.Id}");
        while (true)
        {
            var d = await http.GetFromJsonAsync<JsonElement>(url);
            var placed = d.GetProperty("rollup").GetProperty("targets").GetInt32();
            if (placed >= d.GetProperty("targetCount").GetInt32() / 4)
            {
                Console.WriteLine($"{CutLine}{placed}");
                await Console.Out.FlushAsync();
                await Task.Delay(Timeout.Infinite);
            }
            await Task.Delay(50);
        }
    }

    private static async Task<int> RunChildUntilCut(DirectivesOptions options, string folder)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment[BenchHost.PasswordVariable] = BenchHost.AdminPassword; // the restarted store's admin is the child's
        foreach (var arg in new[] { typeof(DirectiveCrash).Assembly.Location, "directives", "--child", folder,
                     "--units", options.Units.ToString(), "--tasks-per-unit", options.TasksPerUnit.ToString() })
            info.ArgumentList.Add(arg);
        using var child = Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine($"  child: {line}");
            if (!line.StartsWith(CutLine, StringComparison.Ordinal)) continue;
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            return int.Parse(line[CutLine.Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"The child ended (exit {child.ExitCode}) before part of the copies existed.");
    }

    /// <summary>Every copy, paged through by unit id: how many rows, and how many units.</summary>
    private static async Task<(int Listed, int Distinct)> CountCopies(HttpClient http, BenchHost host)
    {
        var units = new HashSet<string>(StringComparer.Ordinal);
        var listed = 0;
        string? after = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(host.Address,
                $"/api/v1/directives/{DirectivesBenchmark.Id}/copies?limit=1000{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}"));
            foreach (var copy in page.GetProperty("copies").EnumerateArray())
            {
                listed++;
                units.Add(copy.GetProperty("unitId").GetString()!);
            }
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        return (listed, units.Count);
    }
}
