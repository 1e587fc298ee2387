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
    private DateTimeOffset _anchored = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointEvery);
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
            await store.CheckpointAsync(clock.Now, key);
        }
        catch (Exception error)
        {
            LogFailed(error); // the next period covers this one's entries too
        }
    }

    /// <summary>Not while the anchor file has lines: those were written under the key, so the trail had it already.</summary>
    private async Task Migrate()
    {
        if (anchors.HasLines()) return;
        try
        {
            if (await AuditMigration.SealAsync(store, key, clock.Now) is var sealedChains and > 0) LogSealed(sealedChains, key.Id);
        }
        catch (Exception error)
        {
            LogSealFailed(error);
        }
    }

    private async Task Anchor()
    {
        var now = clock.Now;
        if (!anchors.Enabled || now - _anchored < options.Value.AnchorEvery) return;
        try
        {
            await anchors.AppendAsync(store, now);
            _anchored = now;
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
