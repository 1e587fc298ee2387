using Cascade.Tasks;
namespace Cascade.Wall;

/// <summary>
/// The recent task changes of a unit's subtree, bounded: the latest few for a wall's
/// snapshot, and those not yet passed to the parent or to the wall feed.
/// </summary>
public sealed class ChangeLog(int capacity)
{
    private readonly Queue<TaskChange> _recent = new();
    private readonly List<TaskChange> _forParent = [];
    private readonly List<TaskChange> _forFeed = [];

    public void Add(TaskChange change)
    {
        _recent.Enqueue(change);
        if (_recent.Count > capacity) _recent.Dequeue();
        Append(_forParent, change);
        Append(_forFeed, change);
    }

    public void AddRange(IEnumerable<TaskChange> changes)
    {
        foreach (var change in changes) Add(change);
    }

    private void Append(List<TaskChange> list, TaskChange change)
    {
        list.Add(change);
        if (list.Count > capacity) list.RemoveAt(0);
    }

    public IReadOnlyList<TaskChange> Recent() => _recent.ToArray();

    public IReadOnlyList<TaskChange> TakeForParent() => Take(_forParent);

    public IReadOnlyList<TaskChange> TakeForFeed() => Take(_forFeed);

    private static IReadOnlyList<TaskChange> Take(List<TaskChange> list)
    {
        if (list.Count == 0) return [];
        var taken = list.ToArray();
        list.Clear();
        return taken;
    }
}
