using System.Diagnostics;
using Cascade.Bench.Wall;
using Cascade.Units;

namespace Cascade.Bench.Schedules;

/// <summary>
/// Watches the period change from the moment the clock passed midnight, each signal on its own
/// (a slow answer of one never delays another): the unit writes that bring the new instances
/// (<see cref="UnitWriteCount"/>: the first, and the last leaf to hold all five), each schedule's
/// GET until it is <c>deployed</c> in its new period with every instance placed, and the root's
/// summary until its <c>duties</c> show every new instance (due 5 x leaves, none done yet) and
/// its overdue count has taken in the old instances left undone (and the ordinary tasks due the
/// last day). Polls every 250 ms; the slowest GET answer is kept, it says how long a reader waited.
/// </summary>
public sealed class PeriodChange(ScheduleSet schedules, UnitWriteCount writes, IUnitGrain root, string[] periods, int leaves, int expectedOverdue)
{
    public static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(10);

    private readonly TimeSpan?[] _deployed = new TimeSpan?[periods.Length];
    private readonly string[] _states = new string[periods.Length];
    private long _midnight;

    public TimeSpan? FirstInstance { get; private set; }
    public TimeSpan? LastLeafComplete { get; private set; }
    /// <summary>When the last schedule's GET showed it deployed in the new period with every instance.</summary>
    public TimeSpan? Placed => _deployed.All(d => d is not null) ? _deployed.Max() : null;
    public TimeSpan? AtRoot { get; private set; }
    public TimeSpan? OverdueSettled { get; private set; }
    public TimeSpan SlowestGet { get; private set; }
    public int RootOverdue { get; private set; }
    public (int Due, int Done) RootDuties { get; private set; }

    /// <summary>The change as a user sees it: every leaf written, every schedule deployed, the root showing them.</summary>
    public TimeSpan? Completed => LastLeafComplete is { } w && Placed is { } p && AtRoot is { } r ? new[] { w, p, r }.Max() : null;

    private TimeSpan Now => Stopwatch.GetElapsedTime(_midnight);

    /// <summary>Watches from <paramref name="midnight"/> (a timestamp) until every signal came or <see cref="GiveUp"/>.</summary>
    public async Task WatchAsync(long midnight)
    {
        _midnight = midnight;
        using var done = new CancellationTokenSource();
        var logging = LogAsync(done.Token);
        await Task.WhenAll([.. Enumerable.Range(0, periods.Length).Select(WatchSchedule), WatchRoot(), WatchWrites()]);
        await done.CancelAsync();
        await logging;
    }

    private async Task WatchSchedule(int s)
    {
        while (Now < GiveUp)
        {
            var asked = Stopwatch.GetTimestamp();
            var state = await schedules.ReadAsync(s);
            var waited = Stopwatch.GetElapsedTime(asked);
            lock (_states)
                if (waited > SlowestGet) SlowestGet = waited;
            _states[s] = state.ToString();
            if (state.IsPlaced(periods[s], leaves))
            {
                _deployed[s] = Now;
                return;
            }
            await Task.Delay(250);
        }
    }

    private async Task WatchRoot()
    {
        while (Now < GiveUp && (AtRoot is null || OverdueSettled is null))
        {
            if (await root.GetSummary() is { } summary)
            {
                RootOverdue = summary.All.Overdue;
                RootDuties = (summary.Duties.Due, summary.Duties.Done);
                if (AtRoot is null && summary.Duties.Due == periods.Length * leaves && summary.Duties.Done == 0 && writes.Complete >= leaves) AtRoot = Now;
                if (OverdueSettled is null && summary.All.Overdue == expectedOverdue) OverdueSettled = Now;
            }
            await Task.Delay(250);
        }
    }

    private async Task WatchWrites()
    {
        while (Now < GiveUp && writes.Complete < leaves) await Task.Delay(50);
        if (writes.FirstInstanceAt != 0) FirstInstance = Stopwatch.GetElapsedTime(_midnight, writes.FirstInstanceAt);
        if (writes.Complete >= leaves) LastLeafComplete = Stopwatch.GetElapsedTime(_midnight, writes.LastCompleteAt);
    }

    private async Task LogAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
                WallBenchmark.Log($"  +{Now.TotalSeconds:F0} s: leaves with all five new instances {writes.Complete:N0} / {leaves:N0}; " +
                    $"root duties {RootDuties.Due:N0} due / {RootDuties.Done:N0} done, overdue {RootOverdue:N0} (expecting {expectedOverdue:N0}); " +
                    string.Join("; ", _states));
            }
        }
        catch (OperationCanceledException) { }
    }
}
