using System.Text;
using Cascade.Tasks;

namespace Cascade.Bench.Shared;

/// <summary>
/// What the bench believes each leaf task looks like, so every update it sends really changes
/// the task (a patch equal to the stored task is answered 200 without a write). Updates change
/// progress and status only, never weights: the probe owns the root's total weight.
/// </summary>
public sealed class LeafTasks
{
    private static readonly byte[][] ProgressBodies = Bodies(p => $$"""{"progress":{{p}}}""");
    private static readonly byte[][] BlockedBodies = Bodies(p => $$"""{"status":"blocked","progress":{{p}}}""");
    private static readonly byte[][] ResumedBodies = Bodies(p => $$"""{"status":"inProgress","progress":{{p}}}""");
    private static readonly byte[] DoneBody = Encoding.UTF8.GetBytes("""{"status":"done"}""");

    private readonly TreePlan? _plan;
    private readonly string[] _paths;
    private readonly byte[] _progress;
    private readonly TaskItemStatus[] _status;

    /// <summary>Tasks that already exist (the demo department's), as they are now.</summary>
    public LeafTasks(IReadOnlyList<(string UnitId, TaskItem Task)> tasks, Uri address)
    {
        _paths = tasks.Select(t => new Uri(address, $"/api/v1/units/{t.UnitId}/tasks/{t.Task.Id}").ToString()).ToArray();
        _progress = tasks.Select(t => (byte)t.Task.Progress).ToArray();
        _status = tasks.Select(t => t.Task.Status).ToArray();
    }

    public LeafTasks(TreePlan plan, Uri address)
    {
        _plan = plan;
        var slots = plan.LeafCount * plan.TasksPerUnit;
        _progress = new byte[slots];
        _status = new TaskItemStatus[slots];
        _paths = new string[slots];
        for (var leaf = 0; leaf < plan.LeafCount; leaf++)
            for (var k = 0; k < plan.TasksPerUnit; k++)
                _paths[leaf * plan.TasksPerUnit + k] =
                    new Uri(address, $"/api/v1/units/{plan.Units[plan.FirstLeaf + leaf].Id}/tasks/{TreePlan.TaskId(k)}").ToString();
    }

    private static byte[][] Bodies(Func<int, string> text) =>
        Enumerable.Range(0, 100).Select(p => Encoding.UTF8.GetBytes(text(p))).ToArray();

    /// <summary>Records the tasks a leaf was seeded with.</summary>
    public void Seeded(int unit, IReadOnlyList<TaskDraft> drafts)
    {
        if (_plan is null || !_plan.IsLeaf(unit)) return;
        var first = (unit - _plan.FirstLeaf) * _plan.TasksPerUnit;
        for (var k = 0; k < _plan.TasksPerUnit; k++)
        {
            _progress[first + k] = (byte)drafts[k].Progress;
            _status[first + k] = drafts[k].Status;
        }
    }

    public int Count => _paths.Length;

    /// <summary>The address of a random leaf task.</summary>
    public string RandomUrl(Random random) => _paths[random.Next(_paths.Length)];

    /// <summary>A random leaf task and a merge patch that changes it.</summary>
    public (string Url, byte[] Body) Next(Random random)
    {
        var slot = random.Next(_paths.Length);
        var status = _status[slot];
        var progress = _progress[slot];
        var other = (byte)((progress + 1 + random.Next(99)) % 100); // 0..99, never the current value
        var roll = random.Next(20);
        byte[] body;
        if (status == TaskItemStatus.Done)
        {
            (body, status, progress) = (ProgressBodies[other], TaskItemStatus.InProgress, other);
        }
        else if (roll == 0)
        {
            (body, status, progress) = (DoneBody, TaskItemStatus.Done, 100);
        }
        else if (roll == 1 && status != TaskItemStatus.Blocked)
        {
            (body, status, progress) = (BlockedBodies[other], TaskItemStatus.Blocked, other);
        }
        else if (roll == 2 && status == TaskItemStatus.Blocked)
        {
            (body, status, progress) = (ResumedBodies[other], TaskItemStatus.InProgress, other);
        }
        else
        {
            body = ProgressBodies[other];
            if (status == TaskItemStatus.NotStarted && other > 0) status = TaskItemStatus.InProgress;
            progress = other;
        }
        _status[slot] = status;
        _progress[slot] = progress;
        return (_paths[slot], body);
    }
}
