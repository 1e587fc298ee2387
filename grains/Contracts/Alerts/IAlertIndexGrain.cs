using Orleans.Concurrency;

namespace Cascade.Alerts;

/// <summary>
/// One partition of the open-alert index (key 0..<see cref="AlertIndexPartitions.Count"/>-1,
/// decision 010): the open alerts of the units that hash to it, kept as their units announce
/// changes (one-way, after each write) and their whole open lists (at activation and after a
/// cluster change). The ledger's subtree answer and the alerts that climbed to a unit come from here.
/// </summary>
public interface IAlertIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Alerts of <paramref name="unitId"/> that changed in its write of <paramref name="version"/> (a resolved one leaves).</summary>
    [OneWay] Task Changed(string unitId, long version, IReadOnlyList<Alert> alerts);
    /// <summary>Every open alert <paramref name="unitId"/> holds now: the index drops what it holds of that unit beyond them.</summary>
    [OneWay] Task Sync(string unitId, long version, IReadOnlyList<Alert> open);
    /// <summary>The open alerts here of <paramref name="unitId"/> and every unit below it (the tree's shape from the organization).</summary>
    [ReadOnly] Task<IReadOnlyList<Alert>> Subtree(string unitId);
    /// <summary>The open alerts here that climbed to one of <paramref name="unitIds"/>.</summary>
    [ReadOnly] Task<IReadOnlyList<Alert>> EscalatedTo(IReadOnlyList<string> unitIds);
}
