namespace Cascade.Cluster;

/// <summary>
/// Tells whoever asked when the cluster's set of active nodes changes: a node joined, left, or
/// was declared dead (Orleans' membership). What lived on a dead node is gone with it: grains
/// come back on the survivors from storage, but one-way messages sent to it and subscriptions
/// held by its grains do not. <see cref="Units.RollupRepair"/> and the web host's wall push
/// (which subscribes again at once, rather than at its next renewal) listen.
/// </summary>
public sealed class ClusterChanges(IClusterMembershipService membership) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _gate = new();
    private readonly List<Action> _handlers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;

    /// <summary>Calls <paramref name="handler"/> after each change, on a pool thread; it must return quickly.</summary>
    public void Subscribe(Action handler)
    {
        lock (_gate) _handlers.Add(handler);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterChanges), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => Watch(_stop.Token));
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task Watch(CancellationToken stop)
    {
        HashSet<SiloAddress>? active = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stop))
            {
                var now = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
                if (active is not null && !active.SetEquals(now))
                {
                    Action[] handlers;
                    lock (_gate) handlers = [.. _handlers];
                    foreach (var handler in handlers) handler();
                }
                active = now;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
