using System.Collections.ObjectModel;

namespace Cascade.Tests.Support;

/// <summary>A list that one thread may add to while another reads a copy (an exporter's target).</summary>
public sealed class LockedList<T> : Collection<T>
{
    private readonly Lock _gate = new();

    protected override void InsertItem(int index, T item)
    {
        lock (_gate) base.InsertItem(index, item);
    }

    public List<T> Snapshot()
    {
        lock (_gate) return [.. this];
    }
}
