namespace Cascade.Bench.Shared;

/// <summary>
/// Picks the concurrency of a closed-loop update load: a short run at each candidate, the one with
/// the best rate wins (<c>rollup</c>'s step 2, also the base of <c>inspect</c>'s half rate).
/// </summary>
public static class Calibration
{
    public sealed record Outcome(int Concurrency, double Rate, IReadOnlyList<LoadResult> Trials);

    public static async Task<Outcome> ChooseAsync(int[] candidates, TimeSpan each, int seed, Func<Random, Task<int>> update, Action<string> log)
    {
        var trials = new List<LoadResult>();
        var (best, concurrency) = (0.0, 0);
        foreach (var candidate in candidates)
        {
            var trial = await ClosedLoop.RunAsync(candidate, each, seed + candidate, update);
            trials.Add(trial);
            log($"Calibration at {candidate,3} in flight: {trial.Rate,8:N0} updates/s, latency {trial.Latency.Describe()}, failures {trial.DescribeFailures()}");
            if (trial.Rate > best) (best, concurrency) = (trial.Rate, candidate);
        }
        log($"Chosen concurrency: {concurrency}");
        return new Outcome(concurrency, best, trials);
    }
}
