using System.Diagnostics;
using Cascade.Bench.Shared;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;

namespace Cascade.Bench.Rollup;

/// <summary>
/// Reads every unit's tasks back from its grain, recomputes every subtree's figures bottom-up,
/// and compares them with every unit's summary (root, internal units and leaves).
/// </summary>
public sealed class SummaryCheck(IGrainFactory grains, TreePlan plan, DomainClock clock)
{
    public sealed record Outcome(int Compared, List<string> Differences, long TaskVersionsAdvanced, TimeSpan ReadBack, int Attempts, TimeSpan Settled)
    {
        public bool Exact => Differences.Count == 0;
    }

    public async Task<Outcome> RunAsync(TimeSpan settleFor, int parallelism)
    {
        var watch = Stopwatch.StartNew();
        var (party, business, units, versions) = await Recompute(parallelism);
        var readBack = watch.Elapsed;
        var attempts = 0;
        List<string> differences;
        while (true)
        {
            attempts++;
            differences = await Compare(party, business, units, parallelism);
            if (differences.Count == 0 || watch.Elapsed > settleFor) break;
            await Task.Delay(500);
        }
        return new Outcome(plan.Units.Length, differences, versions, readBack, attempts, watch.Elapsed);
    }

    private async Task<(Figures[] Party, Figures[] Business, int[] Units, long Versions)> Recompute(int parallelism)
    {
        var n = plan.Units.Length;
        var party = new Figures[n];
        var business = new Figures[n];
        var units = new int[n];
        var versions = new long[n];
        var now = clock.Now;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var tasks = await grains.GetGrain<IUnitGrain>(plan.Units[i].Id).GetTasks()
                ?? throw new InvalidOperationException($"Unit {plan.Units[i].Id} is missing.");
            foreach (var task in tasks)
            {
                versions[i] += task.Version - 1;
                if (clock.IsArchived(task, now)) continue; // docs/domain.md "Archived tasks": not in the roll-up
                var figures = Of(task, now);
                if (task.Track == Track.Party) party[i].Add(figures);
                else business[i].Add(figures);
            }
            units[i] = 1;
        });
        // Children come after their parents in the plan, so a reverse pass sums each subtree.
        for (var i = n - 1; i > 0; i--)
        {
            var parent = plan.Parents[i];
            party[parent].Add(party[i]);
            business[parent].Add(business[i]);
            units[parent] += units[i];
        }
        return (party, business, units, versions.Sum());
    }

    private Figures Of(TaskItem task, DateTimeOffset now)
    {
        var done = task.Status == TaskItemStatus.Done;
        var (start, end) = clock.Window(task);
        var lastTouch = task.UpdatedAt > start ? task.UpdatedAt : start;
        return new Figures
        {
            Count = 1,
            Weight = task.Weight,
            Done = done ? 1 : 0,
            Blocked = task.Status == TaskItemStatus.Blocked ? 1 : 0,
            Overdue = !done && now >= end ? 1 : 0,
            Stale = !done && now - lastTouch >= clock.StaleAfter ? 1 : 0,
            ProgressWeight = task.Weight * task.Progress / 100.0,
        };
    }

    private async Task<List<string>> Compare(Figures[] party, Figures[] business, int[] units, int parallelism)
    {
        var differences = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Units.Length), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var summary = await grains.GetGrain<IUnitGrain>(plan.Units[i].Id).GetSummary();
            var found = Differences(summary, party[i], business[i], units[i]).ToList();
            if (found.Count == 0) return;
            lock (differences) differences.Add($"{plan.Units[i].Id}: {string.Join("; ", found)}");
        });
        differences.Sort(StringComparer.Ordinal);
        return differences;
    }

    private static IEnumerable<string> Differences(Summary? summary, Figures party, Figures business, int units)
    {
        if (summary is null)
        {
            yield return "no summary";
            yield break;
        }
        var all = party;
        all.Add(business);
        if (summary.Units != units) yield return $"units {summary.Units} != {units}";
        foreach (var d in party.Differences("party", summary.Party)) yield return d;
        foreach (var d in business.Differences("business", summary.Business)) yield return d;
        foreach (var d in all.Differences("all", summary.All)) yield return d;
    }
}
