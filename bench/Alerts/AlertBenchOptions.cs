using Cascade.Bench.Shared;
namespace Cascade.Bench.Alerts;

/// <summary>Command-line options of <c>alerts</c>; the defaults are the province-scale run.</summary>
public sealed record AlertBenchOptions
{
    public int Units { get; init; } = 100_000;
    public int TasksPerUnit { get; init; } = 10;
    /// <summary>Share of units that lag (one alert each), in percent.</summary>
    public int LaggingPercent { get; init; } = 5;
    /// <summary><c>Cascade:ClockInterval</c>: the period of every unit's clock.</summary>
    public int ClockSeconds { get; init; } = 60;
    /// <summary>Clock intervals measured as the ticks fall (spread by when each unit became active).</summary>
    public int Intervals { get; init; } = 3;
    /// <summary>Clock intervals measured after every clock was aimed at one instant.</summary>
    public int AlignedIntervals { get; init; } = 2;
    public int Walls { get; init; } = 1;
    /// <summary>Task updates a second that push counties in view behind and back.</summary>
    public int WaveRate { get; init; } = 1000;
    public int WaveSeconds { get; init; } = 40;
    /// <summary>Status changes a second on tasks of units in view, each one raising or resolving an alert.</summary>
    public int ChurnRate { get; init; } = 50;
    public int ChurnSeconds { get; init; } = 30;
    public int QuietSeconds { get; init; } = 60;
    public bool Restart { get; init; } = true;
    public int UnitBatch { get; init; } = 2000;
    public int ImportParallelism { get; init; } = 64;
    public int Seed { get; init; } = 42;
    public bool KeepData { get; init; }
    /// <summary>Reads of the root's ledger answer timed after the setup.</summary>
    public int LedgerReads { get; init; } = 20;
    /// <summary>Stop after the setup and the ledger's reads.</summary>
    public bool LedgerOnly { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- alerts [options]
          --units N              units in the tree, depth 5 (default 100000)
          --tasks-per-unit N     tasks of every unit (default 10)
          --lagging-percent N    units that lag, one alert each (default 5)
          --clock-seconds N      Cascade:ClockInterval, every unit's clock period (default 60)
          --intervals N          clock intervals measured as the ticks fall (default 3)
          --aligned-intervals N  clock intervals measured with every clock due at one instant (default 2)
          --walls N              hub clients watching the root at depth 2 (default 1)
          --quiet-seconds N      the walls watch with nothing changing first, one clock interval (default 60)
          --wave-rate N          task updates/s pushing counties in view behind and back (default 1000)
          --wave-seconds N       length of the lag wave (default 40)
          --churn-rate N         status changes/s on tasks of units in view (default 50)
          --churn-seconds N      length of the churn (default 30)
          --no-restart           skip the restart (a new host on the same database wakes every unit)
          --unit-batch N         units per ImportUnits call (default 2000)
          --import-parallelism N ImportTasks calls in flight (default 64)
          --seed N               random seed (default 42)
          --keep-data            keep the SQLite file
          --ledger-reads N       reads of the root's ledger answer timed after the setup (default 20)
          --ledger-only          stop after the setup and the ledger's reads
        """;

    private static readonly OptionTable<AlertBenchOptions> Options = new OptionTable<AlertBenchOptions>(new())
        .Whole("--units", (o, v) => o with { Units = v })
        .Whole("--tasks-per-unit", (o, v) => o with { TasksPerUnit = v })
        .Whole("--lagging-percent", (o, v) => o with { LaggingPercent = v }, zero: true)
        .Whole("--clock-seconds", (o, v) => o with { ClockSeconds = v })
        .Whole("--intervals", (o, v) => o with { Intervals = v })
        .Whole("--aligned-intervals", (o, v) => o with { AlignedIntervals = v }, zero: true)
        .Whole("--walls", (o, v) => o with { Walls = v }, zero: true)
        .Whole("--quiet-seconds", (o, v) => o with { QuietSeconds = v }, zero: true)
        .Whole("--wave-rate", (o, v) => o with { WaveRate = v })
        .Whole("--wave-seconds", (o, v) => o with { WaveSeconds = v }, zero: true)
        .Whole("--churn-rate", (o, v) => o with { ChurnRate = v })
        .Whole("--churn-seconds", (o, v) => o with { ChurnSeconds = v }, zero: true)
        .Whole("--unit-batch", (o, v) => o with { UnitBatch = v })
        .Whole("--import-parallelism", (o, v) => o with { ImportParallelism = v })
        .Whole("--seed", (o, v) => o with { Seed = v })
        .Flag("--no-restart", o => o with { Restart = false })
        .Whole("--ledger-reads", (o, v) => o with { LedgerReads = v })
        .Flag("--ledger-only", o => o with { LedgerOnly = true })
        .Flag("--keep-data", o => o with { KeepData = true });

    public static bool TryParse(ReadOnlySpan<string> args, out AlertBenchOptions options, out string? error)
    {
        if (!Options.TryParse(args, out options, out error)) return false;
        if (options.Units < 100) { error = "--units must be at least 100."; return false; }
        if (options.TasksPerUnit is < 2 or > 1000) { error = "--tasks-per-unit must be from 2 to 1000 (both tracks)."; return false; }
        if (options.LaggingPercent > 100) { error = "--lagging-percent must be at most 100."; return false; }
        if (options.ClockSeconds > 60) { error = "--clock-seconds must be at most 60 (Cascade:ClockInterval is at most one minute)."; return false; }
        return true;
    }
}
