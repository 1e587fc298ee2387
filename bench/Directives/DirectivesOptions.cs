namespace Cascade.Bench.Directives;

/// <summary>Command-line options of <c>directives</c>; the defaults are the province.</summary>
/// <param name="Crash">Kill the product (SIGKILL) in the middle of the fan-out and time the finish after a restart.</param>
/// <param name="Child">Internal: the folder of the database a crash run's child builds on.</param>
public sealed record DirectivesOptions(int Units, int TasksPerUnit, bool Crash = false, string? Child = null)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- directives [--units N] [--tasks-per-unit N] [--crash]
          --units N              units in the tree (default 100000)
          --tasks-per-unit N     tasks of every unit (default 10)
          --crash                build and issue in a child process, kill it with SIGKILL once part of
                                 the copies exist, restart on its database and time the finish
        """;

    public static bool TryParse(ReadOnlySpan<string> args, out DirectivesOptions options, out string? error)
    {
        options = new DirectivesOptions(100_000, 10);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--crash") { options = options with { Crash = true }; continue; }
            if (args[i] == "--child" && i + 1 < args.Length) { options = options with { Child = args[++i] }; continue; }
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value < 1)
            {
                error = $"{args[i]} needs a positive number.";
                return false;
            }
            switch (args[i++])
            {
                case "--units": options = options with { Units = value }; break;
                case "--tasks-per-unit": options = options with { TasksPerUnit = value }; break;
                default: error = $"unknown option {args[i - 1]}"; return false;
            }
        }
        return true;
    }
}
