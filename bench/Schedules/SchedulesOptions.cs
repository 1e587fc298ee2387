using Cascade.Bench.Shared;

namespace Cascade.Bench.Schedules;

/// <summary>Command-line options of <c>schedules</c>; the defaults are the province.</summary>
public sealed record SchedulesOptions
{
    public int Units { get; init; } = 100_000;
    public int TasksPerUnit { get; init; } = 10;
    /// <summary>SignalR walls watching the root while the period turns.</summary>
    public int Walls { get; init; } = 1;
    /// <summary>One old instance in this many is marked done before midnight; the rest turn overdue.</summary>
    public int DoneEvery { get; init; } = 10;
    /// <summary><c>Cascade:Directives:ScheduleCheck</c> in seconds.</summary>
    public double CheckSeconds { get; init; } = 1;

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- schedules [--units N] [--tasks-per-unit N] [--walls N] [--done-every N] [--check-seconds N]
          --units N              units in the tree (default 100000); every leaf gets the five schedules
          --tasks-per-unit N     tasks of every unit (default 10)
          --walls N              SignalR walls watching the root, probed for write-to-wall (default 1)
          --done-every N         one old instance in N is marked done before midnight (default 10)
          --check-seconds N      Cascade:Directives:ScheduleCheck in seconds (default 1; the product's is 30)
        """;

    private static readonly OptionTable<SchedulesOptions> Table = new OptionTable<SchedulesOptions>(new SchedulesOptions())
        .Whole("--units", (o, v) => o with { Units = v })
        .Whole("--tasks-per-unit", (o, v) => o with { TasksPerUnit = v })
        .Whole("--walls", (o, v) => o with { Walls = v })
        .Whole("--done-every", (o, v) => o with { DoneEvery = v })
        .Number("--check-seconds", (o, v) => o with { CheckSeconds = v });

    public static bool TryParse(ReadOnlySpan<string> args, out SchedulesOptions options, out string? error)
    {
        if (!Table.TryParse(args, out options, out error)) return false;
        if (options.CheckSeconds is < 0.05 or > 120) { error = "--check-seconds must be between 0.05 and 120."; return false; }
        return true;
    }
}
