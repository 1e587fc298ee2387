using System.Collections.Concurrent;

namespace Cascade.Units;

/// <summary>The ids of the units active on this node, so <see cref="RollupRepair"/> can reach each of them.</summary>
public sealed class LocalUnits
{
    private readonly ConcurrentDictionary<string, byte> _ids = new();

    public void Add(string id) => _ids.TryAdd(id, 0);

    public void Remove(string id) => _ids.TryRemove(id, out _);

    public IReadOnlyList<string> Snapshot() => [.. _ids.Keys];
}
