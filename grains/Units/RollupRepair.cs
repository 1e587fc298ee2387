using Cascade.Cluster;
using System.Diagnostics;
using System.Threading.Channels;
using Cascade.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cascade.Units;

/// <summary>
/// The reconciliation pass that repairs a lost report (docs/architecture.md "Data flows one way", step 3). Reports go
/// up the tree one-way, and a one-way message is lost when it was sent to a node that died, or
/// by a node that had not yet heard of the death; nothing sends it again until its sender
/// changes, so a parent on a surviving node could keep a stale figure for good. So whenever the
/// cluster's set of active nodes changes (<see cref="ClusterChanges"/>), and once the change has had <see cref="Settle"/> to
/// reach every node, each node asks every unit active on it to read its children's reports
/// again (<see cref="IUnitGrain.Reconcile"/>). Reading a child that lived on the dead node
/// activates it from its stored tasks, so the whole tree is exact again after one pass.
/// </summary>
public sealed partial class RollupRepair : BackgroundService
{
    /// <summary>
    /// How long a change of the cluster is given to reach every node before the pass: a report
    /// sent later goes where the survivors now agree the grain lives.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>Units reconciling at once: each reads its children in parallel already.</summary>
    private const int InFlight = 32;

    private readonly IGrainFactory grains;
    private readonly LocalUnits units;
    private readonly ILogger<RollupRepair> logger;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public RollupRepair(ClusterChanges cluster, IGrainFactory grains, LocalUnits units, ILogger<RollupRepair> logger)
    {
        (this.grains, this.units, this.logger) = (grains, units, logger);
        cluster.Subscribe(() => _changes.Writer.TryWrite(true));
    }

    /// <summary>One pass per settled change: changes that come while one settles are covered by the same pass.</summary>
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stop))
            {
                _changes.Reader.TryRead(out _);
                await Task.Delay(Settle, stop);
                if (_changes.Reader.TryPeek(out _)) continue; // another change: let it settle too
                await Pass(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    private async Task Pass(CancellationToken stop)
    {
        var ids = units.Snapshot();
        var clock = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = stop }, async (id, _) =>
        {
            try
            {
                await grains.GetGrain<IUnitGrain>(id).Reconcile();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Its activation failed (storage away, say): the next activation reads its children anyway.
                Interlocked.Increment(ref failed);
                LogUnitFailed(id, error);
            }
        });
        LogPass(ids.Count, failed, clock.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster changed: {Units} units on this node read their children's reports again in {Milliseconds} ms ({Failed} failed)")]
    private partial void LogPass(int units, int failed, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit {UnitId} could not reconcile after the cluster changed")]
    private partial void LogUnitFailed(string unitId, Exception error);
}
