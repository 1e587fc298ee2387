namespace Cascade.Audit;

/// <summary>
/// Moves a grain's audit records on. The grain adds a record to a list in its state and writes
/// the state (the change and its record in one durable write); then <see cref="Send"/> delivers
/// the records in the background, in order, retrying until they were taken, and removes them
/// from the list, so the next state write no longer carries them. Records loaded with the state
/// may already have been delivered: they go as redelivered, and the receiver takes each once
/// (which costs it a read); records this activation added and has not tried to deliver go as
/// new, so a grain activated by its first write (an import's units) costs the receiver no read.
/// A unit grain's records are whole entries, delivered to the store; a user's or kiosk's are
/// drafts, delivered to the users chain.
/// Delivered records leave by a new list put in the state (<c>replace</c>), never by changing the
/// list in place: a state write may be serializing that list meanwhile on another thread (Orleans'
/// ADO.NET storage serializes once it has its connection, while the grain's own continuations, this
/// delivery's among them, go on), and a list changed under it fails the write.
/// </summary>
public sealed class AuditOutbox<T>(Func<List<T>> records, Action<List<T>> replace, Func<T, string> key, Func<IReadOnlyList<T>, bool, Task> deliver,
    Action<IReadOnlyList<T>>? delivered = null)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(5);
    private Task? _delivery;
    /// <summary>Null until the activation first adds or sends: then whether records were loaded with the state.</summary>
    private bool? _redeliver;

    public void Add(T record)
    {
        _redeliver ??= records().Count > 0;
        records().Add(record);
    }

    /// <summary>Starts delivering unless a delivery is under way (it then takes the new records too).</summary>
    public void Send()
    {
        if (_delivery is { IsCompleted: false } || records().Count == 0) return;
        _redeliver ??= true;
        _delivery = Deliver();
    }

    /// <summary>
    /// Delivers now and waits (up to a few seconds) until every record was taken: for a grain
    /// nothing may activate again to deliver later (a user, a kiosk, a deleted unit).
    /// </summary>
    public async Task Flush()
    {
        Send();
        if (_delivery is { IsCompleted: false } delivery) await Task.WhenAny(delivery, Task.Delay(FlushWait));
    }

    /// <summary>
    /// The list without the batch, as a new list: usually the batch is still the list's front;
    /// else (the state was reloaded meanwhile) by key.
    /// </summary>
    private void Remove(List<T> list, T[] batch)
    {
        var front = list.Count >= batch.Length;
        for (var i = 0; front && i < batch.Length; i++) front = ReferenceEquals(list[i], batch[i]);
        if (front)
        {
            replace(list.GetRange(batch.Length, list.Count - batch.Length));
            return;
        }
        var sent = batch.Select(key).ToHashSet(StringComparer.Ordinal);
        replace(list.FindAll(r => !sent.Contains(key(r))));
    }

    /// <summary>Runs on the grain's scheduler: each await resumes between the grain's turns.</summary>
    private async Task Deliver()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (records().Count > 0)
        {
            var pending = records();
            var batch = pending.GetRange(0, Math.Min(pending.Count, MaxBatch)).ToArray();
            try
            {
                await deliver(batch, _redeliver!.Value);
            }
            catch (Exception)
            {
                _redeliver = true; // they may have been taken before the answer was lost
                await Task.Delay(delay);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                continue;
            }
            _redeliver = false;
            Remove(records(), batch);
            delivered?.Invoke(batch);
        }
    }
}
