using Cascade.Bench.Shared;

namespace Cascade.Bench.Wall;

/// <summary>Command-line options of <c>wall</c>; the defaults are the province-scale run.</summary>
public sealed record WallOptions
{
    public bool Demo { get; init; }
    public int Units { get; init; } = 100_000;
    public int TasksPerUnit { get; init; } = 10;
    public int Walls { get; init; } = 50;
    public int Depth { get; init; } = 2;
    /// <summary>Updates a second, open loop; ignored when <see cref="Concurrency"/> is set.</summary>
    public double Rate { get; init; } = 5000;
    /// <summary>Closed loop with this many updates in flight instead of a paced rate.</summary>
    public int? Concurrency { get; init; }
    public int MaxInFlight { get; init; } = 1024;
    /// <summary>Probes pause 5 ms plus a random 0 to this many milliseconds between each other.</summary>
    public int ProbePauseMilliseconds { get; init; } = 1000;
    public int Seconds { get; init; } = 60;
    public int UnitBatch { get; init; } = 2000;
    public int ImportParallelism { get; init; } = 64;
    public int Seed { get; init; } = 42;
    public bool KeepData { get; init; }
    public bool Soak { get; init; }
    public int Minutes { get; init; } = 60;
    /// <summary>Updates a second while soaking.</summary>
    public double SoakRate { get; init; } = 20;
    public string Chromium { get; init; } = "/usr/lib/chromium/chromium";

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- wall [options]
               dotnet run -c Release --project bench -- wall --soak [--minutes N]
          --demo                 the demo department (21 units, seeded by the product) instead of a built tree
          --units N              units in the built tree, depth 5 (default 100000)
          --tasks-per-unit N     tasks of every built unit (default 10)
          --walls N              SignalR clients, each watching the root at --depth (default 50)
          --depth N              depth every wall watches (default 2)
          --rate N               task updates a second over HTTP, open loop (default 5000; 0: none, the probe alone)
          --concurrency N        closed loop with N updates in flight instead of --rate
          --max-in-flight N      open loop: updates outstanding at most; more are dropped and counted (default 1024)
          --seconds N            length of the measured update run (default 60)
          --probe-pause-ms N     probes pause 5 ms + random 0..N ms between each other (default 1000)
          --unit-batch N         units per ImportUnits call (default 2000)
          --import-parallelism N ImportTasks calls in flight (default 64)
          --seed N               random seed (default 42)
          --keep-data            keep the SQLite file
          --soak                 the demo with updates flowing and the wall page open in Chromium;
                                 prints the page's JS heap every minute
          --minutes N            soak length (default 60)
          --soak-rate N          updates a second while soaking (default 20)
          --chromium PATH        the browser (default /usr/lib/chromium/chromium)
        """;

    private static readonly OptionTable<WallOptions> Options = new OptionTable<WallOptions>(new())
        .Flag("--demo", o => o with { Demo = true })
        .Flag("--keep-data", o => o with { KeepData = true })
        .Flag("--soak", o => o with { Soak = true })
        .Text("--chromium", (o, v) => o with { Chromium = v })
        .Whole("--units", (o, v) => o with { Units = v })
        .Whole("--tasks-per-unit", (o, v) => o with { TasksPerUnit = v })
        .Whole("--walls", (o, v) => o with { Walls = v })
        .Whole("--depth", (o, v) => o with { Depth = v })
        .Number("--rate", (o, v) => o with { Rate = v }, zero: true)
        .Whole("--concurrency", (o, v) => o with { Concurrency = v })
        .Whole("--max-in-flight", (o, v) => o with { MaxInFlight = v })
        .Whole("--seconds", (o, v) => o with { Seconds = v })
        .Whole("--probe-pause-ms", (o, v) => o with { ProbePauseMilliseconds = v }, zero: true)
        .Whole("--unit-batch", (o, v) => o with { UnitBatch = v })
        .Whole("--import-parallelism", (o, v) => o with { ImportParallelism = v })
        .Whole("--seed", (o, v) => o with { Seed = v })
        .Whole("--minutes", (o, v) => o with { Minutes = v })
        .Number("--soak-rate", (o, v) => o with { SoakRate = v });

    public static bool TryParse(ReadOnlySpan<string> args, out WallOptions options, out string? error)
    {
        if (!Options.TryParse(args, out options, out error)) return false;
        if (!options.Demo && options.Units < 100) { error = "--units must be at least 100."; return false; }
        if (options.Depth > 6) { error = "--depth must be at most 6."; return false; }
        return true;
    }
}
