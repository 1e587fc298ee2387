using System.Diagnostics;
using Cascade.Bench.Wall;
using Cascade.Units;

namespace Cascade.Bench.Schedules;

/// <summary>
/// Watches the period change from the moment the clock passed midnight: when the first schedule
/// turned, when every schedule had placed its new instance at every leaf, when the root's
/// <c>duties</c> showed them all (due 5 x leaves, none done yet), and when the root's overdue count
/// had taken in the old instances left undone (and the ordinary tasks due the last day).
/// </summary>
public sealed class PeriodChange(ScheduleSet schedules, IUnitGrain root, string[] periods, int leaves, int expectedOverdue)
{
    public static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(10);

    public TimeSpan? FirstTurned { get; private set; }
    public TimeSpan? Placed { get; private set; }
    public TimeSpan? AtRoot { get; private set; }
    public TimeSpan? OverdueSettled { get; private set; }
    public int RootOverdue { get; private set; }
    public (int Due, int Done) RootDuties { get; private set; }
    public string LastStates { get; private set; } = "";

    /// <summary>The change itself: every instance placed and the root showing them.</summary>
    public TimeSpan? Completed => Placed is { } p && AtRoot is { } r ? (p > r ? p : r) : null;

    /// <summary>Polls every 250 ms from <paramref name="midnight"/> (a timestamp) until all four happened or <see cref="GiveUp"/>.</summary>
    public async Task WatchAsync(long midnight)
    {
        var lastLog = TimeSpan.Zero;
        while (true)
        {
            var states = await schedules.ReadAsync();
            var summary = await root.GetSummary();
            var now = Stopwatch.GetElapsedTime(midnight);
            LastStates = string.Join("; ", states.Select(s => s.ToString()));
            if (FirstTurned is null && states.Select((s, i) => s.Period == periods[i]).Any(t => t)) FirstTurned = now;
            if (Placed is null && states.Select((s, i) => s.IsPlaced(periods[i], leaves)).All(p => p)) Placed = now;
            if (summary is not null)
            {
                RootOverdue = summary.All.Overdue;
                RootDuties = (summary.Duties.Due, summary.Duties.Done);
                if (AtRoot is null && Placed is not null && summary.Duties.Due == periods.Length * leaves && summary.Duties.Done == 0) AtRoot = now;
                if (OverdueSettled is null && summary.All.Overdue == expectedOverdue) OverdueSettled = now;
            }
            if (now - lastLog >= TimeSpan.FromSeconds(5))
            {
                lastLog = now;
                WallBenchmark.Log($"  +{now.TotalSeconds:F0} s: {LastStates}; root duties {RootDuties.Due:N0} due / {RootDuties.Done:N0} done, overdue {RootOverdue:N0} (expecting {expectedOverdue:N0})");
            }
            if (Completed is not null && OverdueSettled is not null) return;
            if (now > GiveUp) return;
            await Task.Delay(250);
        }
    }
}
