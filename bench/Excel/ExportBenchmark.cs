using System.Diagnostics;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Excel;

/// <summary>
/// <c>bench -- export</c>: a province (100,000 units, 10 tasks each: 1,000,001 tasks) built in
/// process, then <c>GET /api/v1/units/{root}/tasks.xlsx?subtree=true</c> over HTTP as the admin,
/// timed to the last byte, with the process's memory sampled every 50 ms while it runs: the
/// extra memory is the peak resident set during the export over the resident set before it.
/// </summary>
public static class ExportBenchmark
{
    public static async Task<int> RunAsync(ExportOptions options)
    {
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Product: {SourceVersion.Describe()}");
        await using var host = await BenchHost.StartAsync(keepData: false);
        var tree = await Province.BuildAsync(host, options.Units, options.TasksPerUnit);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ProcessFacts.Rss;
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessFacts.Rss);
                await Task.Delay(50);
            }
        });
        using var http = BenchHttp.Create(1);
        http.Timeout = TimeSpan.FromMinutes(10);
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(host.Address, $"/api/v1/units/{tree.RootId}/tasks.xlsx?subtree=true"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var firstByte = watch.Elapsed;
        long bytes = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[81920];
            for (int read; (read = await body.ReadAsync(buffer)) > 0;) bytes += read;
        }
        var took = watch.Elapsed;
        stop.Cancel();
        await sampler;

        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| Tasks exported | {tree.TaskCount:N0} of {tree.Units.Length:N0} units |");
        Console.WriteLine($"| Export of the root's subtree, to the last byte | {took.TotalSeconds:F1} s (headers after {firstByte.TotalSeconds:F1} s) |");
        Console.WriteLine($"| Workbook size | {bytes / 1048576.0:F1} MB |");
        Console.WriteLine($"| Extra memory during the export (peak RSS over RSS before) | {ProcessFacts.Mb(peak - before)} (RSS before {ProcessFacts.Mb(before)}) |");
        return 0;
    }
}
