using Cascade.Units;

namespace Cascade.Bench.Schedules;

/// <summary>
/// After the change, every leaf read through its grain (a read, after the timing): how many
/// hold exactly their five new instances, each once, and what the others hold instead.
/// </summary>
public static class InstanceCensus
{
    public sealed record Result(int Exact, int Missing, int Twice)
    {
        public override string ToString() => $"{Exact:N0} exact; {Missing:N0} missing one or more, {Twice:N0} holding one twice";
    }

    /// <param name="periods">The new period of each schedule, in <see cref="ScheduleSet.Usual"/>'s order.</param>
    public static async Task<Result> TakeAsync(IGrainFactory grains, IReadOnlyList<string> leafIds, string[] periods)
    {
        var wanted = periods.Select((p, s) => ScheduleSet.InstanceId(s, p)).ToHashSet(StringComparer.Ordinal);
        int exact = 0, missing = 0, twice = 0;
        await Parallel.ForEachAsync(leafIds, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (leaf, _) =>
        {
            var tasks = await grains.GetGrain<IUnitGrain>(leaf).GetTasks() ?? [];
            var held = tasks.Where(t => t.ScheduleId is not null && wanted.Contains(t.Id)).Select(t => t.Id).ToList();
            var distinct = held.Distinct(StringComparer.Ordinal).Count();
            if (held.Count != distinct) Interlocked.Increment(ref twice);
            if (distinct < wanted.Count) Interlocked.Increment(ref missing);
            if (held.Count == wanted.Count && distinct == wanted.Count) Interlocked.Increment(ref exact);
        });
        return new Result(exact, missing, twice);
    }
}
