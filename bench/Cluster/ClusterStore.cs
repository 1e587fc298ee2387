using Cascade.Bench.Shared;

namespace Cascade.Bench.Cluster;

/// <summary>
/// The store both nodes of <c>cluster</c> share (Azurite or PostgreSQL, each a process of its own
/// started for the run), with what the bench measures of it: its own durable write rate for
/// rows shaped like Cascade's (the yardstick), the CPU its processes spend, and the requests
/// (or transactions) the nodes send it.
/// </summary>
public abstract class ClusterStore : IDisposable
{
    /// <summary>As the report names it: Azurite, PostgreSQL.</summary>
    public abstract string Name { get; }

    /// <summary>What the log says of it once it runs.</summary>
    public abstract string Description { get; }

    /// <summary>The settings that put a node on it.</summary>
    public abstract Dictionary<string, string?> Settings { get; }

    /// <summary>The setting of the audit window on this store (<c>--audit-window-ms</c> sets it).</summary>
    public abstract string AuditWindowSetting { get; }

    /// <summary>The audit window the nodes run with, as configured there.</summary>
    public abstract TimeSpan AuditWindow(IServiceProvider node);

    /// <summary>The share of the store's raw write rate the updates should reach, in percent.</summary>
    public abstract int GoalPercent { get; }

    /// <summary>Takes stored units' rows as the raw writes' template (after the warm-up, again before each raw phase); answers their bytes.</summary>
    public abstract Task<long> TakeTemplateAsync(IServiceProvider node);

    /// <summary>What the raw writes write, once the template is taken.</summary>
    public abstract string RawRows { get; }

    /// <summary>Writes copies of the template over <paramref name="keys"/> rows, <paramref name="concurrency"/> at a time, each durable on its own.</summary>
    public abstract Task<LoadResult> RawWritesAsync(int keys, int concurrency, TimeSpan duration, int seed);

    /// <summary>Its processes now running (those it starts later are their children).</summary>
    public abstract IReadOnlyList<int> Processes();

    /// <summary>Seconds of CPU its processes used so far.</summary>
    public abstract double CpuSeconds();

    /// <summary>Requests (or transactions) received so far, by kind.</summary>
    public abstract Task<IReadOnlyDictionary<string, long>> RequestsAsync();

    /// <summary>Rows written so far, by table, where the store counts them (none by default).</summary>
    public virtual Task<IReadOnlyDictionary<string, long>> RowsAsync() => Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());

    /// <summary>What the store counts of its own work so far, by name (PostgreSQL: its WAL), logged per raw write and per update (none by default).</summary>
    public virtual Task<IReadOnlyDictionary<string, double>> WorkAsync() => Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>());

    public abstract void Dispose();

    public static ClusterStore Start(string provider) => provider switch
    {
        "postgres" => new PostgresClusterStore(),
        _ => new AzuriteClusterStore(),
    };
}
