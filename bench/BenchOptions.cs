using Cascade.Bench.Shared;
namespace Cascade.Bench;

/// <summary>Command-line options of <c>rollup</c>; the defaults are the province-scale run.</summary>
public sealed record BenchOptions
{
    public int Units { get; init; } = 100_000;
    public int TasksPerUnit { get; init; } = 10;
    public int Seconds { get; init; } = 60;
    public int FloorSeconds { get; init; } = 10;
    /// <summary>Requests in flight; null picks the best of <see cref="Candidates"/> in a short calibration.</summary>
    public int? Concurrency { get; init; }
    public int[] Candidates { get; init; } = [64, 128, 256];
    public int CalibrationSeconds { get; init; } = 5;
    public int UnitBatch { get; init; } = 2000;
    public int ImportParallelism { get; init; } = 64;
    public int IdleSeconds { get; init; } = 10;
    public int Seed { get; init; } = 42;
    public bool KeepData { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- rollup [options]
          --units N              units in the tree, depth 5 (default 100000)
          --tasks-per-unit N     tasks of every unit (default 10)
          --seconds N            length of the measured update run (default 60)
          --floor-seconds N      length of the floor run (default 10)
          --concurrency N        requests in flight; omitted: calibrate over 64/128/256
          --calibration-seconds N  seconds per calibration step (default 5)
          --unit-batch N         units per ImportUnits call (default 2000)
          --import-parallelism N ImportTasks calls in flight (default 64)
          --idle-seconds N       length of the idle measurement at the end (default 10)
          --seed N               random seed (default 42)
          --keep-data            keep the SQLite file
        """;

    private static readonly OptionTable<BenchOptions> Options = new OptionTable<BenchOptions>(new())
        .Whole("--units", (o, v) => o with { Units = v })
        .Whole("--tasks-per-unit", (o, v) => o with { TasksPerUnit = v })
        .Whole("--seconds", (o, v) => o with { Seconds = v })
        .Whole("--floor-seconds", (o, v) => o with { FloorSeconds = v })
        .Whole("--concurrency", (o, v) => o with { Concurrency = v })
        .Whole("--calibration-seconds", (o, v) => o with { CalibrationSeconds = v })
        .Whole("--unit-batch", (o, v) => o with { UnitBatch = v })
        .Whole("--import-parallelism", (o, v) => o with { ImportParallelism = v })
        .Whole("--idle-seconds", (o, v) => o with { IdleSeconds = v })
        .Whole("--seed", (o, v) => o with { Seed = v })
        .Flag("--keep-data", o => o with { KeepData = true });

    public static bool TryParse(ReadOnlySpan<string> args, out BenchOptions options, out string? error)
    {
        if (!Options.TryParse(args, out options, out error)) return false;
        if (options.Units < 100) { error = "--units must be at least 100."; return false; }
        if (options.TasksPerUnit > 1000) { error = "--tasks-per-unit must be at most 1000."; return false; }
        return true;
    }
}
