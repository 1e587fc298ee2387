using Cascade.Bench.Shared;

namespace Cascade.Bench.Inspect;

/// <summary>Command-line options of <c>inspect</c>; the defaults are the province, <c>--small</c> a smoke run.</summary>
public sealed record InspectOptions
{
    public int Units { get; init; } = 100_000;
    public int TasksPerUnit { get; init; } = 10;
    /// <summary>Updates a second during the capture; null: half the calibrated closed-loop rate.</summary>
    public double? Rate { get; init; }
    /// <summary>Requests in flight of the calibration; null picks the best of <see cref="Candidates"/>.</summary>
    public int? Concurrency { get; init; }
    public int[] Candidates { get; init; } = [64, 128, 256];
    public int CalibrationSeconds { get; init; } = 5;
    /// <summary>The half-rate load with the probe before the capture, for comparison.</summary>
    public int BaselineSeconds { get; init; } = 15;
    /// <summary>Longest wait for the capture (the load runs until it is captured or this passes).</summary>
    public int CaptureSeconds { get; init; } = 600;
    /// <summary><c>Cascade:History:Depth</c> of the first take; the next takes are at 10 (every unit of the province).</summary>
    public int HistoryDepth { get; init; } = 3;
    public int UnitBatch { get; init; } = 2000;
    public int ImportParallelism { get; init; } = 64;
    public int Seed { get; init; } = 42;
    public bool KeepData { get; init; }

    /// <summary>The deepest <c>Cascade:History:Depth</c> (every unit of a tree of depth 5).</summary>
    public const int EveryUnit = 10;

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- inspect [options]
          --small                a smoke run: 5,000 units, 2 s calibration steps, 5 s baseline
          --units N              units in the tree, depth 5 (default 100000)
          --tasks-per-unit N     tasks of every unit (default 10)
          --rate N               updates/s during the capture; omitted: half the calibrated rate
          --concurrency N        requests in flight of the calibration; omitted: best of 64/128/256
          --calibration-seconds N  seconds per calibration step (default 5)
          --baseline-seconds N   the half-rate load before the capture, for comparison (default 15)
          --capture-seconds N    longest wait for the capture (default 600)
          --history-depth N      Cascade:History:Depth of the first history take (default 3); then 10
          --unit-batch N         units per ImportUnits call (default 2000)
          --import-parallelism N ImportTasks calls in flight (default 64)
          --seed N               random seed (default 42)
          --keep-data            keep the SQLite file
        """;

    private static readonly OptionTable<InspectOptions> Table = new OptionTable<InspectOptions>(new())
        .Flag("--small", o => o with { Units = 5000, CalibrationSeconds = 2, BaselineSeconds = 5 })
        .Whole("--units", (o, v) => o with { Units = v })
        .Whole("--tasks-per-unit", (o, v) => o with { TasksPerUnit = v })
        .Number("--rate", (o, v) => o with { Rate = v })
        .Whole("--concurrency", (o, v) => o with { Concurrency = v })
        .Whole("--calibration-seconds", (o, v) => o with { CalibrationSeconds = v })
        .Whole("--baseline-seconds", (o, v) => o with { BaselineSeconds = v }, zero: true)
        .Whole("--capture-seconds", (o, v) => o with { CaptureSeconds = v })
        .Whole("--history-depth", (o, v) => o with { HistoryDepth = v }, zero: true)
        .Whole("--unit-batch", (o, v) => o with { UnitBatch = v })
        .Whole("--import-parallelism", (o, v) => o with { ImportParallelism = v })
        .Whole("--seed", (o, v) => o with { Seed = v })
        .Flag("--keep-data", o => o with { KeepData = true });

    public static bool TryParse(ReadOnlySpan<string> args, out InspectOptions options, out string? error)
    {
        if (!Table.TryParse(args, out options, out error)) return false;
        if (options.Units < 100) { error = "--units must be at least 100."; return false; }
        if (options.TasksPerUnit > 1000) { error = "--tasks-per-unit must be at most 1000."; return false; }
        if (options.HistoryDepth > EveryUnit) { error = $"--history-depth must be 0 to {EveryUnit}."; return false; }
        return true;
    }
}
