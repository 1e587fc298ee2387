using System.Collections.Concurrent;
using System.Diagnostics;
using Cascade.Bench.Reporting;

namespace Cascade.Bench.Shared;

/// <summary>
/// Keeps <c>concurrency</c> operations in flight for a while: each worker starts its next
/// operation when the previous one answered. Counts successes (2xx), failures by code, latency.
/// </summary>
public static class ClosedLoop
{
    /// <summary>An operation returns its HTTP status code, or 0 when it threw.</summary>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, int seed, Func<Random, Task<int>> operation)
    {
        var failures = new ConcurrentDictionary<int, int>();
        var latencies = new List<double>[concurrency];
        var successes = new long[concurrency];
        var errors = new ConcurrentDictionary<string, int>();
        var meter = PhaseMeter.Start();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, w));
            var mine = latencies[w] = new List<double>(1024);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    status = await operation(random);
                }
                catch (Exception error)
                {
                    status = 0;
                    errors.AddOrUpdate(error.GetType().Name, 1, (_, n) => n + 1);
                }
                if (status is >= 200 and < 300)
                {
                    successes[w]++;
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else failures.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var stats = meter.Stop(successes.Sum());
        return new LoadResult(concurrency, stats, new Percentiles(latencies.SelectMany(l => l)),
            new Dictionary<int, int>(failures), new Dictionary<string, int>(errors));
    }
}
