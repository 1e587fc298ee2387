using Cascade.Bench.Alerts;
using Cascade.Bench.Cluster;
using Cascade.Bench.Excel;
using Cascade.Bench.Directives;
using Cascade.Bench.Inspect;
using Cascade.Bench.Rollup;
using Cascade.Bench.Schedules;
using Cascade.Bench.Wall;

namespace Cascade.Bench;

/// <summary>
/// Entry point. Not top-level statements: the web project's <c>Program</c> would clash (CS0436).
/// </summary>
public static class BenchProgram
{
    private delegate bool TryParse<T>(ReadOnlySpan<string> args, out T options, out string? error);

    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "rollup" => await Run<BenchOptions>(args, BenchOptions.TryParse, BenchOptions.Usage, RollupBenchmark.RunAsync),
        "wall" => await Run<WallOptions>(args, WallOptions.TryParse, WallOptions.Usage, WallBenchmark.RunAsync),
        "alerts" => await Run<AlertBenchOptions>(args, AlertBenchOptions.TryParse, AlertBenchOptions.Usage, AlertsBenchmark.RunAsync),
        "cluster" => await Run<ClusterOptions>(args, ClusterOptions.TryParse, ClusterOptions.Usage, ClusterBenchmark.RunAsync),
        "export" => await Run<ExportOptions>(args, ExportOptions.TryParse, ExportOptions.Usage, ExportBenchmark.RunAsync),
        "directives" => await Run<DirectivesOptions>(args, DirectivesOptions.TryParse, DirectivesOptions.Usage, DirectivesBenchmark.RunAsync),
        "schedules" => await Run<SchedulesOptions>(args, SchedulesOptions.TryParse, SchedulesOptions.Usage, SchedulesBenchmark.RunAsync),
        "inspect" => await Run<InspectOptions>(args, InspectOptions.TryParse, InspectOptions.Usage, InspectBenchmark.RunAsync),
        _ => Usage(args),
    };

    /// <summary>One benchmark: its usage for <c>-h</c>, its options parsed (usage and exit code 2 when they are wrong), then its run.</summary>
    private static async Task<int> Run<T>(string[] args, TryParse<T> parse, string usage, Func<T, Task<int>> run)
    {
        if (args.Length > 1 && args[1] is "-h" or "--help")
        {
            Console.WriteLine(usage);
            return 0;
        }
        if (!parse(args.AsSpan(1), out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(usage);
            return 2;
        }
        return await run(options);
    }

    private static int Usage(string[] args)
    {
        foreach (var usage in new[] { BenchOptions.Usage, WallOptions.Usage, AlertBenchOptions.Usage, ClusterOptions.Usage, ExportOptions.Usage, DirectivesOptions.Usage, SchedulesOptions.Usage, InspectOptions.Usage }) Console.WriteLine(usage);
        return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
    }
}
