using System.Text;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Alerts;

/// <summary>
/// Tasks of the units a wall shows (the root and two levels below it) blocked and unblocked at
/// random: every update raises or resolves one <c>taskBlocked</c> alert in view, so the walls
/// get as many alert changes as updates, far more than one message a second can carry one by one.
/// </summary>
public sealed class InViewChurn
{
    private static readonly byte[] Block = Encoding.UTF8.GetBytes("""{"status":"blocked"}""");
    private static readonly byte[] Unblock = Encoding.UTF8.GetBytes("""{"status":"inProgress"}""");

    private readonly string[] _urls;
    private readonly bool[] _blocked;

    public InViewChurn(AlertPlan plan, Uri address)
    {
        var tree = plan.Tree;
        var inView = 1 + tree.LevelSizes[1] + tree.LevelSizes[2];
        _urls = Enumerable.Range(0, inView)
            .Where(unit => plan.KindOf(unit) == AlertPlan.Kind.OnSchedule)
            .SelectMany(unit => plan.TasksOf(unit).Select(task => new Uri(address, $"/api/v1/units/{tree.Units[unit].Id}/tasks/{task.Id}").ToString()))
            .ToArray();
        _blocked = new bool[_urls.Length];
    }

    public int Tasks => _urls.Length;

    public (string Url, byte[] Body) Next(Random random)
    {
        var task = random.Next(_urls.Length);
        _blocked[task] = !_blocked[task];
        return (_urls[task], _blocked[task] ? Block : Unblock);
    }
}
