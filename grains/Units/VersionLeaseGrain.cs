using Cascade.Storage;
using Orleans.Concurrency;

namespace Cascade.Units;

/// <summary>
/// Keeps the cluster's version ceiling. Many units activate at once (a start wakes every unit, a
/// node's death moves all of its units), so calls interleave and share writes: a call that finds
/// a write under way waits for it if it stores enough, or else joins the one write that follows.
/// </summary>
[Reentrant]
public sealed class VersionLeaseGrain(
    [PersistentState("version-lease", StorageNames.Default)] IPersistentState<VersionLeaseState> state) : Grain, IVersionLeaseGrain
{
    /// <summary>
    /// How far above the old ceiling an activation's new one goes at the least (10 ms of clock):
    /// small, so a start's many writes do not carry versions far ahead of the clock.
    /// </summary>
    public const long Steps = 10_000;

    private long _stored;
    private long _wanted;
    private long _writingTo;
    private Task? _writing;
    private Task? _next;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = state.State.Ceiling;
        return Task.CompletedTask;
    }

    public async Task<VersionLease> Activate(long atLeast)
    {
        var before = _stored;
        await AtLeast(Math.Max(atLeast, before + Steps));
        return new VersionLease(before, _stored);
    }

    public async Task<long> Raise(long atLeast)
    {
        await AtLeast(atLeast);
        return _stored;
    }

    private Task AtLeast(long ceiling)
    {
        if (ceiling <= _stored) return Task.CompletedTask;
        // A write waits its turn behind one under way (even one that just ended, until the
        // next has begun): two writes at once would conflict on the row's ETag.
        if (_next is null && _writing is { IsCompleted: false } && ceiling <= _writingTo) return _writing;
        _wanted = Math.Max(_wanted, ceiling);
        if (_next is not null) return _next;
        if (_writing is null || _writing.IsCompleted) return _writing = Write();
        return _next = After(_writing);
    }

    private async Task After(Task writing)
    {
        await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.ContinueOnCapturedContext);
        _next = null;
        await (_writing = Write());
    }

    private async Task Write()
    {
        _writingTo = Math.Max(_stored, _wanted);
        state.State.Ceiling = _writingTo;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle(); // the next activation reads what storage holds
            throw;
        }
        _stored = Math.Max(_stored, _writingTo);
    }
}
