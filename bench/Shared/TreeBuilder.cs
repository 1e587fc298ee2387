using Cascade.Audit;
using System.Diagnostics;
using Cascade.Bench.Reporting;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Bench.Shared;

/// <summary>
/// Builds the planned organization through the real grains: ImportUnits in batches, then
/// ImportTasks in parallel, with the plan's tasks or those of <paramref name="tasksOf"/>.
/// </summary>
public sealed class TreeBuilder(IGrainFactory grains, TreePlan plan, LeafTasks? leafTasks, Func<int, List<TaskDraft>>? tasksOf = null)
{
    /// <summary>Sum of all task weights as seeded, the root's expected <c>All.Weight</c>.</summary>
    public double TotalWeight { get; private set; }

    public async Task<PhaseStats> ImportUnitsAsync(int batchSize, Action<string> log)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var meter = PhaseMeter.Start();
        var slowest = TimeSpan.Zero;
        var done = 0;
        foreach (var batch in plan.Units.Chunk(batchSize))
        {
            var watch = Stopwatch.StartNew();
            var result = await organization.ImportUnits(batch, AuditActions.System);
            if (!result.Succeeded) throw new InvalidOperationException($"ImportUnits failed: {result.Outcome} {result.Detail}");
            done += batch.Length;
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
            if (done % (batchSize * 10) == 0 || done == plan.Units.Length)
                log($"  units {done,9:N0} / {plan.Units.Length:N0}  at {meter.Elapsed.TotalSeconds,6:F1} s  (slowest batch {slowest.TotalMilliseconds:F0} ms)");
        }
        return meter.Stop(plan.Units.Length);
    }

    public async Task<PhaseStats> ImportTasksAsync(int parallelism, Action<string> log)
    {
        var meter = PhaseMeter.Start();
        var done = 0;
        var tasks = 0L;
        var total = 0.0;
        var gate = new object();
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Units.Length),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (unit, _) =>
            {
                var drafts = tasksOf?.Invoke(unit) ?? plan.TasksOf(unit);
                leafTasks?.Seeded(unit, drafts);
                var result = await grains.GetGrain<IUnitGrain>(plan.Units[unit].Id).ImportTasks(drafts, AuditActions.System);
                if (!result.Succeeded) throw new InvalidOperationException($"ImportTasks of {plan.Units[unit].Id} failed: {result.Outcome} {result.Detail}");
                var weight = drafts.Sum(d => d.Weight);
                int count;
                lock (gate)
                {
                    total += weight;
                    tasks += drafts.Count;
                    count = ++done;
                }
                if (count % 20_000 == 0)
                    log($"  tasks of {count,9:N0} units  at {meter.Elapsed.TotalSeconds,6:F1} s");
            });
        TotalWeight = total;
        return meter.Stop(tasks);
    }

    /// <summary>How long after now the root shows every task and the whole weight; null if it never did.</summary>
    public static async Task<TimeSpan?> WaitForRootAsync(IUnitGrain root, int tasks, double weight, TimeSpan giveUp)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < giveUp)
        {
            var summary = await root.GetSummary();
            if (summary is not null && summary.All.Count == tasks && Math.Abs(summary.All.Weight - weight) < 1e-6) return watch.Elapsed;
            await Task.Delay(5);
        }
        return null;
    }
}
