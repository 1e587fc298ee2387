using System.Text;
using Cascade.Bench.Shared;
using Cascade.Units;

namespace Cascade.Bench.Alerts;

/// <summary>
/// A county in view falls behind and catches up again, one after the other: the tasks of its
/// on-schedule branches drop to progress 0, leaf by leaf, until the county's lag passes the red
/// line (its branches, townships and then the county raise <c>unitBehind</c>, amber then red), and
/// then get their progress back in the same order until all are restored (the alerts resolve
/// below 0.08). <see cref="Next"/> runs on the pacing loop; <see cref="WatchAsync"/> reads the
/// county's summary meanwhile and says when to turn.
/// </summary>
public sealed class LagWave
{
    private static readonly byte[] Drop = Encoding.UTF8.GetBytes("""{"progress":0}""");

    private readonly (string UnitId, (string Url, byte[] Restore)[] Tasks)[] _counties;
    private volatile int _county;
    private int _dropped;
    private int _restored;
    private volatile bool _turn;
    private volatile bool _restoring;

    public LagWave(AlertPlan plan, Uri address, int counties)
    {
        var tree = plan.Tree;
        var firstCounty = 1 + tree.LevelSizes[1];
        var countyCount = tree.LevelSizes[2];
        var picked = Enumerable.Range(0, Math.Min(counties, countyCount)).Select(i => firstCounty + i * countyCount / Math.Min(counties, countyCount)).ToArray();
        _counties = picked.Select(county =>
        {
            var tasks = new List<(string, byte[])>();
            for (var leaf = tree.FirstLeaf; leaf < tree.Units.Length; leaf++)
            {
                if (tree.Parents[tree.Parents[leaf]] != county || plan.KindOf(leaf) != AlertPlan.Kind.OnSchedule) continue;
                foreach (var task in plan.TasksOf(leaf))
                    tasks.Add((new Uri(address, $"/api/v1/units/{tree.Units[leaf].Id}/tasks/{task.Id}").ToString(),
                        Encoding.UTF8.GetBytes($$"""{"status":"inProgress","progress":{{task.Progress}}}""")));
            }
            return (tree.Units[county].Id, tasks.ToArray());
        }).ToArray();
    }

    public IReadOnlyList<string> Counties => _counties.Select(c => c.UnitId).ToList();
    /// <summary>Counties that passed the red line, and that got all their progress back.</summary>
    public int WentRed { get; private set; }
    public int Recovered { get; private set; }
    public double HighestLag { get; private set; }

    /// <summary>The next update: drop the next task, or restore the oldest dropped one.</summary>
    public (string Url, byte[] Body) Next(Random _)
    {
        var (_, tasks) = _counties[_county];
        if (!_restoring && _dropped > 0 && (_turn || _dropped == tasks.Length)) _restoring = true;
        if (!_restoring) return (tasks[_dropped++].Url, Drop);
        var (url, restore) = tasks[_restored++];
        if (_restored == _dropped)
        {
            Recovered++;
            (_county, _dropped, _restored, _turn, _restoring) = ((_county + 1) % _counties.Length, 0, 0, false, false);
        }
        return (url, restore);
    }

    /// <summary>Turns the wave once the county being dropped shows a lag of <paramref name="turnAt"/>.</summary>
    public async Task WatchAsync(IGrainFactory grains, double turnAt, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var county = _counties[_county].UnitId;
            var lag = (await grains.GetGrain<IUnitGrain>(county).GetSummary())?.Lag ?? 0;
            HighestLag = Math.Max(HighestLag, lag);
            if (!_restoring && !_turn && lag >= turnAt && county == _counties[_county].UnitId)
            {
                _turn = true;
                WentRed++;
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
