using Orleans.Concurrency;

namespace Cascade.Wall;

/// <summary>
/// One partition of the push path (key 0..<see cref="WallPartitions.Count"/>-1). Web hosts
/// subscribe their observer to every partition with the units their walls watch; watched
/// units publish their changes to their partition, which batches them per tick.
/// </summary>
public interface IWallFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Subscribes or renews (a lease); <paramref name="watched"/> replaces the host's earlier set.</summary>
    Task Subscribe(IWallObserver observer, IReadOnlyList<string> watched);
    Task Unsubscribe(IWallObserver observer);

    [OneWay] Task Publish(UnitUpdate update);
    /// <summary>A directive issued by a unit of this partition changed: hosts watching its issuer hear it in the next batch.</summary>
    [OneWay] Task PublishDirective(Cascade.Directives.DirectiveRow row);
    [OneWay] Task StructureChanged(IReadOnlyList<string> unitIds);
}
