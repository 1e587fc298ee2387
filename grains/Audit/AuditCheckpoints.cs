using Cascade.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// Every <see cref="AuditOptions.CheckpointEvery"/>, checkpoints the head of every chain that
/// grew meanwhile, in one pass over the new entries, not one write per chain: <c>verify</c>
/// then finds entries deleted from a chain's end, which the chain alone cannot show. One node
/// runs the periodic pass for the cluster (<see cref="RunsThePass"/>): every node running it
/// over one store did the same reads and writes twice (docs/benchmarks.md, <c>cluster</c>).
/// Should two nodes run it at once for a moment, a checkpoint recorded twice is kept once.
/// Checkpoints are signed by the audit key; before the first pass, a trail written before the
/// key is sealed (<see cref="AuditMigration"/>); the node that runs the pass also appends the
/// anchor lines (<see cref="AuditAnchors"/>).
/// </summary>
public sealed partial class AuditCheckpoints(IAuditStore store, AuditKey key, AuditAnchors anchors, IOptions<AuditOptions> options,
    DomainClock clock, IClusterMembershipService membership, ILocalSiloDetails silo, ILogger<AuditCheckpoints> logger) : BackgroundService
{
    private DateTimeOffset _stamped = DateTimeOffset.MinValue;
    private long _passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointEvery);
        await Task.Yield(); // the seal reads the whole trail once: not inside the host's start
        try
        {
            await Migrate();
            while (await timer.WaitForNextTickAsync(stoppingToken))
                if (RunsThePass())
                {
                    await Checkpoint();
                    await Anchor();
                }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await Checkpoint(); // what the last period appended, before the node stops
    }

    private async Task Checkpoint()
    {
        try
        {
            await store.CheckpointAsync(Stamp(), key);
        }
        catch (Exception error)
        {
            LogFailed(error); // the next period covers this one's entries too
        }
    }

    /// <summary>
    /// The domain clock's time, but always a millisecond after the previous stamp: an anchor
    /// derives its chain heads from the checkpoints stamped up to its own time, so no two may
    /// share one (the clock may stand still, as in tests, or step back).
    /// </summary>
    private DateTimeOffset Stamp()
    {
        var now = clock.Now;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // stamps are written to the millisecond
        _stamped = now > _stamped ? now : _stamped.AddMilliseconds(1);
        return _stamped;
    }

    /// <summary>Not while the anchor file has lines: those were written under the key, so the trail had it already.</summary>
    private async Task Migrate()
    {
        if (anchors.HasLines()) return;
        try
        {
            if (await AuditMigration.SealAsync(store, key, Stamp()) is var sealedChains and > 0) LogSealed(sealedChains, key.Id);
        }
        catch (Exception error)
        {
            LogSealFailed(error);
        }
    }

    /// <summary>
    /// Every AnchorEvery, counted in passes (the pass's own timer, whatever the domain clock
    /// does), starting with the first. The anchor's time follows its pass's: it covers the
    /// checkpoints stamped up to it and none of a later pass's.
    /// </summary>
    private async Task Anchor()
    {
        var every = Math.Max(1, (long)Math.Ceiling(options.Value.AnchorEvery / options.Value.CheckpointEvery));
        if (!anchors.Enabled || _passes++ % every != 0) return;
        try
        {
            await anchors.AppendAsync(store, Stamp());
        }
        catch (Exception error)
        {
            LogAnchorFailed(error);
        }
    }

    /// <summary>
    /// True on the oldest active node (the lowest generation, then address): every node reads
    /// the same membership, so they agree but for a moment after a change. Alone, or before the
    /// membership lists this node: true.
    /// </summary>
    private bool RunsThePass()
    {
        var first = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.Generation).ThenBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return first is null || first.Equals(silo.SiloAddress);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed the plain SHA-256 entries of {Chains} audit chains in checkpoints signed by the audit key {KeyId}; they go on under the key")]
    private partial void LogSealed(int chains, string keyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sealing the audit chains written before the audit key failed; verify will name their plain entries")]
    private partial void LogSealFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending the audit anchor failed; the next period tries again")]
    private partial void LogAnchorFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the audit chains failed; the next period tries again")]
    private partial void LogFailed(Exception error);
}
