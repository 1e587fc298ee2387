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

    public static bool TryParse(ReadOnlySpan<string> args, out BenchOptions options, out string? error)
    {
        options = new BenchOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--keep-data") { options = options with { KeepData = true }; continue; }
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value <= 0)
            {
                error = $"{name} needs a positive whole number.";
                return false;
            }
            i++;
            switch (name)
            {
                case "--units": options = options with { Units = value }; break;
                case "--tasks-per-unit": options = options with { TasksPerUnit = value }; break;
                case "--seconds": options = options with { Seconds = value }; break;
                case "--floor-seconds": options = options with { FloorSeconds = value }; break;
                case "--concurrency": options = options with { Concurrency = value }; break;
                case "--calibration-seconds": options = options with { CalibrationSeconds = value }; break;
                case "--unit-batch": options = options with { UnitBatch = value }; break;
                case "--import-parallelism": options = options with { ImportParallelism = value }; break;
                case "--idle-seconds": options = options with { IdleSeconds = value }; break;
                case "--seed": options = options with { Seed = value }; break;
                default: error = $"Unknown option {name}."; return false;
            }
        }
        if (options.Units < 100) { error = "--units must be at least 100."; return false; }
        if (options.TasksPerUnit > 1000) { error = "--tasks-per-unit must be at most 1000."; return false; }
        return true;
    }
}
