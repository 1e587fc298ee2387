using Cascade.Bench.Rollup;

namespace Cascade.Bench;

/// <summary>
/// Entry point. Not top-level statements: the web project's <c>Program</c> would clash (CS0436).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args[0] != "rollup")
        {
            Console.WriteLine(BenchOptions.Usage);
            return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
        }
        if (!BenchOptions.TryParse(args.AsSpan(1), out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }
        return await RollupBenchmark.RunAsync(options);
    }
}
