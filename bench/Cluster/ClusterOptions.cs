using Cascade.Bench.Shared;
namespace Cascade.Bench.Cluster;

/// <summary>Command-line options of <c>cluster</c>.</summary>
public sealed record ClusterOptions
{
    /// <summary>
    /// 2,000: Azurite keeps its tables in memory and slows as they grow (its raw rate falls by a
    /// quarter over one run); at 10,000 units the import alone outlasted the SDK's timeouts.
    /// </summary>
    public int Units { get; init; } = 2_000;
    /// <summary>The store both nodes share: <c>azureTable</c> (Azurite) or <c>postgres</c>.</summary>
    public string Provider { get; init; } = "azureTable";
    public int TasksPerUnit { get; init; } = 10;
    /// <summary>Updates are measured in rounds with Azurite's raw rate before, between and after them: its rate drifts within a run.</summary>
    public int Rounds { get; init; } = 3;
    /// <summary>Updates before the first round, not counted: the first 20 s ran at half the rate of the third round (tiered JIT, Azurite's V8).</summary>
    public int WarmupSeconds { get; init; } = 20;
    public int Seconds { get; init; } = 20;
    public int RawSeconds { get; init; } = 10;
    public int Concurrency { get; init; } = 64;
    /// <summary>
    /// Raw writes in flight; null: <see cref="Concurrency"/>. The same number in flight keeps
    /// fewer statements at once in the store for updates (each spends part of its time in the
    /// nodes) than for raw writes, so each side's best rate can come at a different number.
    /// </summary>
    public int? RawConcurrency { get; init; }

    /// <summary>Raw writes in flight, as given or as many as updates.</summary>
    public int RawInFlight => RawConcurrency ?? Concurrency;
    public int Seed { get; init; } = 42;
    /// <summary>
    /// CPUs the store's processes may use between them (a cgroup's quota, e.g. 0.5); null: no
    /// limit. With the nodes on the same machine, the store has to be the narrower side for the
    /// run to measure it, as it is with the nodes on machines of their own.
    /// </summary>
    public double? StoreCpus { get; init; }
    /// <summary>The store's AuditWindow in ms; null: the product's default.</summary>
    public int? AuditWindowMs { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- cluster [options]
          --provider P           the store both nodes share: azureTable (Azurite, the default) or postgres (a PostgreSQL server of its own)
          --units N              units in the tree, depth 5 (default 2000)
          --tasks-per-unit N     tasks of every unit (default 10)
          --warmup-seconds N     updates before the measured rounds, not counted (default 20)
          --rounds N             rounds of updates, with the store's raw rate measured before, between and after them (default 3)
          --seconds N            length of each round of updates (default 20)
          --raw-seconds N        length of each of the store's raw write runs (default 10)
          --concurrency N        requests (and raw writes) in flight (default 64)
          --raw-concurrency N    raw writes in flight, when not as many as requests (default: --concurrency)
          --seed N               random seed (default 42)
          --store-cpus N         limit the store's processes to N CPUs (a cgroup; needs root), standing in for a store on a machine of its own (default: no limit)
          --audit-window-ms N    the audit window (Cascade:Storage:AzureTable:AuditWindow or :Postgres:AuditWindow) of both nodes (default: the product's)
        """;

    private static readonly OptionTable<ClusterOptions> Options = new OptionTable<ClusterOptions>(new())
        .Text("--provider", (o, v) => o with { Provider = v })
        .Whole("--units", (o, v) => o with { Units = v })
        .Whole("--tasks-per-unit", (o, v) => o with { TasksPerUnit = v })
        .Whole("--warmup-seconds", (o, v) => o with { WarmupSeconds = v }, zero: true)
        .Whole("--rounds", (o, v) => o with { Rounds = v })
        .Whole("--seconds", (o, v) => o with { Seconds = v })
        .Whole("--raw-seconds", (o, v) => o with { RawSeconds = v })
        .Whole("--concurrency", (o, v) => o with { Concurrency = v })
        .Whole("--raw-concurrency", (o, v) => o with { RawConcurrency = v })
        .Whole("--seed", (o, v) => o with { Seed = v })
        .Number("--store-cpus", (o, v) => o with { StoreCpus = v })
        .Whole("--audit-window-ms", (o, v) => o with { AuditWindowMs = v }, zero: true);

    public static bool TryParse(ReadOnlySpan<string> args, out ClusterOptions options, out string? error)
    {
        if (!Options.TryParse(args, out options, out error)) return false;
        if (options.Provider is not ("azureTable" or "postgres")) { error = "--provider must be azureTable or postgres."; return false; }
        if (options.Units < 100) { error = "--units must be at least 100."; return false; }
        if (options.StoreCpus is > 64) { error = "--store-cpus must be at most 64."; return false; }
        if (options.TasksPerUnit > 1000) { error = "--tasks-per-unit must be at most 1000."; return false; }
        return true;
    }
}
