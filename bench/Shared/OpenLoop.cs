using System.Collections.Concurrent;
using System.Diagnostics;
using Cascade.Bench.Reporting;

namespace Cascade.Bench.Shared;

/// <summary>
/// Starts operations at a fixed rate whatever the answers do (open loop), as many users
/// would: operation <c>n</c> is due at <c>n / rate</c> seconds. At most <c>maxInFlight</c> run at
/// once; an operation due while that many are outstanding is not sent and counted as
/// dropped, so the achieved rate shows when the system fell behind. Latency is measured from
/// when the operation was due, so a late start counts against the system (no coordinated omission).
/// </summary>
public static class OpenLoop
{
    public sealed record Result(LoadResult Load, double TargetRate, long Dropped, Percentiles ServiceLatency, int PeakInFlight);

    /// <summary>
    /// <paramref name="next"/> runs on the pacing loop (one thread at a time); <paramref name="send"/> on the thread pool.
    /// <paramref name="stop"/> ends the run before <paramref name="duration"/> (what is in flight is still awaited).
    /// </summary>
    public static async Task<Result> RunAsync<T>(double rate, int maxInFlight, TimeSpan duration, int seed,
        Func<Random, T> next, Func<T, Task<int>> send, CancellationToken stop = default)
    {
        var random = new Random(seed);
        var failures = new ConcurrentDictionary<int, int>();
        var errors = new ConcurrentDictionary<string, int>();
        var latencies = new ConcurrentQueue<double>();
        var service = new ConcurrentQueue<double>();
        long succeeded = 0, issued = 0, dropped = 0;
        int inFlight = 0, peak = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishedIssuing = 0;
        var meter = PhaseMeter.Start();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var ticksPerOperation = Stopwatch.Frequency / rate;

        async Task Run(T item, long due)
        {
            var started = Stopwatch.GetTimestamp();
            int status;
            try
            {
                status = await send(item);
            }
            catch (Exception error)
            {
                status = 0;
                errors.AddOrUpdate(error.GetType().Name, 1, (_, n) => n + 1);
            }
            var now = Stopwatch.GetTimestamp();
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref succeeded);
                latencies.Enqueue(Stopwatch.GetElapsedTime(due, now).TotalMilliseconds);
                service.Enqueue(Stopwatch.GetElapsedTime(started, now).TotalMilliseconds);
            }
            else failures.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (Interlocked.Decrement(ref inFlight) == 0 && Volatile.Read(ref finishedIssuing) == 1) allDone.TrySetResult();
        }

        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end || stop.IsCancellationRequested) break;
            var dueCount = (long)((now - start) / ticksPerOperation);
            while (issued < dueCount)
            {
                var due = start + (long)(issued * ticksPerOperation);
                issued++;
                if (Volatile.Read(ref inFlight) >= maxInFlight)
                {
                    dropped++;
                    continue;
                }
                var item = next(random);
                var count = Interlocked.Increment(ref inFlight);
                if (count > peak) peak = count;
                ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Run(state.Item, state.Due), (Run: (Func<T, long, Task>)Run, Item: item, Due: due), preferLocal: false);
            }
            await Task.Delay(1);
        }
        Volatile.Write(ref finishedIssuing, 1);
        if (Volatile.Read(ref inFlight) > 0) await allDone.Task.WaitAsync(TimeSpan.FromSeconds(90)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var stats = meter.Stop(Interlocked.Read(ref succeeded));
        var load = new LoadResult(peak, stats, new Percentiles(latencies), new Dictionary<int, int>(failures), new Dictionary<string, int>(errors));
        return new Result(load, rate, dropped, new Percentiles(service), peak);
    }
}
