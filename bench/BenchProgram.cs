using Cascade.Bench.Alerts;
using Cascade.Bench.Cluster;
using Cascade.Bench.Rollup;
using Cascade.Bench.Wall;

namespace Cascade.Bench;

/// <summary>
/// Entry point. Not top-level statements: the web project's <c>Program</c> would clash (CS0436).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var help = args.Length > 1 && args[1] is "-h" or "--help";
        switch (args.FirstOrDefault())
        {
            case "rollup" when !help:
                if (!BenchOptions.TryParse(args.AsSpan(1), out var options, out var error))
                {
                    Console.Error.WriteLine(error);
                    Console.Error.WriteLine(BenchOptions.Usage);
                    return 2;
                }
                return await RollupBenchmark.RunAsync(options);
            case "wall" when !help:
                if (!WallOptions.TryParse(args.AsSpan(1), out var wall, out var wallError))
                {
                    Console.Error.WriteLine(wallError);
                    Console.Error.WriteLine(WallOptions.Usage);
                    return 2;
                }
                return await WallBenchmark.RunAsync(wall);
            case "alerts" when !help:
                if (!AlertBenchOptions.TryParse(args.AsSpan(1), out var alerts, out var alertsError))
                {
                    Console.Error.WriteLine(alertsError);
                    Console.Error.WriteLine(AlertBenchOptions.Usage);
                    return 2;
                }
                return await AlertsBenchmark.RunAsync(alerts);
            case "cluster" when !help:
                if (!ClusterOptions.TryParse(args.AsSpan(1), out var cluster, out var clusterError))
                {
                    Console.Error.WriteLine(clusterError);
                    Console.Error.WriteLine(ClusterOptions.Usage);
                    return 2;
                }
                return await ClusterBenchmark.RunAsync(cluster);
            case "cluster":
                Console.WriteLine(ClusterOptions.Usage);
                return 0;
            case "rollup":
                Console.WriteLine(BenchOptions.Usage);
                return 0;
            case "wall":
                Console.WriteLine(WallOptions.Usage);
                return 0;
            case "alerts":
                Console.WriteLine(AlertBenchOptions.Usage);
                return 0;
            default:
                Console.WriteLine(BenchOptions.Usage);
                Console.WriteLine(WallOptions.Usage);
                Console.WriteLine(AlertBenchOptions.Usage);
                Console.WriteLine(ClusterOptions.Usage);
                return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
        }
    }
}
