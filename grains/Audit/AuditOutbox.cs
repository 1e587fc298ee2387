namespace Cascade.Audit;

/// <summary>
/// Moves a grain's audit drafts to their chain. The grain adds a draft to the list in its state
/// and writes the state (the change and its audit draft in one durable write); then
/// <see cref="Send"/> delivers the drafts in the background, in order, retrying until the chain
/// took them, and removes them from the list, so the next state write no longer carries them.
/// Drafts loaded with the state may already have been delivered: they go as redelivered.
/// </summary>
public sealed class AuditOutbox(IGrainFactory grains, string chain, Func<List<AuditDraft>> drafts)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(5);
    private Task? _delivery;
    private bool _redeliver = true;

    public void Add(AuditDraft draft) => drafts().Add(draft);

    /// <summary>Starts delivering unless a delivery is under way (it then takes the new drafts too).</summary>
    public void Send()
    {
        if (_delivery is { IsCompleted: false } || drafts().Count == 0) return;
        _delivery = Deliver();
    }

    /// <summary>
    /// Delivers now and waits (up to a few seconds) until the chain holds every draft: for a
    /// grain that is about to be deleted and may never be activated again to deliver later.
    /// </summary>
    public async Task Flush()
    {
        Send();
        if (_delivery is { IsCompleted: false } delivery) await Task.WhenAny(delivery, Task.Delay(FlushWait));
    }

    /// <summary>Runs on the grain's scheduler: each await resumes between the grain's turns.</summary>
    private async Task Deliver()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (drafts().Count > 0)
        {
            var batch = drafts().Take(500).ToArray();
            try
            {
                await grains.GetGrain<IAuditChainGrain>(chain).Append(batch, _redeliver);
            }
            catch (Exception)
            {
                _redeliver = true; // the chain may have appended them before the answer was lost
                await Task.Delay(delay);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                continue;
            }
            _redeliver = false;
            var sent = batch.Select(d => d.Ref).ToHashSet(StringComparer.Ordinal);
            drafts().RemoveAll(d => sent.Contains(d.Ref));
        }
    }
}
