namespace Cascade.Bench.Directives;

/// <summary>Command-line options of <c>export</c>; the defaults are the province.</summary>
public sealed record DirectivesOptions(int Units, int TasksPerUnit)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- directives [--units N] [--tasks-per-unit N]
          --units N              units in the tree (default 100000)
          --tasks-per-unit N     tasks of every unit (default 10)
        """;

    public static bool TryParse(ReadOnlySpan<string> args, out DirectivesOptions options, out string? error)
    {
        options = new DirectivesOptions(100_000, 10);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
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
