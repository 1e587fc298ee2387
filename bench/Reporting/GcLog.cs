using System.Diagnostics;

namespace Cascade.Bench.Reporting;

/// <summary>
/// Notes every garbage collection (generation, pause, bytes promoted) by polling the runtime's
/// last-GC record every few milliseconds, so a phase can say what its collections cost.
/// </summary>
public static class GcLog
{
    public sealed record Collection(long At, int Generation, bool Background, TimeSpan Pause, long Promoted, long HeapSize);

    private static readonly List<Collection> Collections = [];
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        var thread = new Thread(Poll) { IsBackground = true, Name = "bench-gc-log" };
        thread.Start();
    }

    private static void Poll()
    {
        long last = -1;
        while (true)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index != last && info.Index != 0)
            {
                last = info.Index;
                var pause = info.PauseDurations.Length == 0 ? TimeSpan.Zero : info.PauseDurations[0] + info.PauseDurations[1];
                lock (Collections)
                    Collections.Add(new Collection(Stopwatch.GetTimestamp(), info.Generation, info.Concurrent, pause, info.PromotedBytes, info.HeapSizeBytes));
            }
            Thread.Sleep(2);
        }
    }

    public static List<Collection> Between(long from, long to)
    {
        lock (Collections) return Collections.Where(c => c.At >= from && c.At <= to).ToList();
    }

    /// <summary>Per generation: how many, mean and longest pause, mean promoted.</summary>
    public static string Describe(IReadOnlyList<Collection> collections)
    {
        if (collections.Count == 0) return "no collections seen";
        return string.Join("; ", collections.GroupBy(c => c.Generation).OrderBy(g => g.Key).Select(g =>
            $"gen{g.Key} x{g.Count()}: pause mean {g.Average(c => c.Pause.TotalMilliseconds):F0} ms / max {g.Max(c => c.Pause.TotalMilliseconds):F0} ms, " +
            $"promoted mean {g.Average(c => c.Promoted) / 1048576:F0} MB"))
            + $"; heap {collections[^1].HeapSize / 1048576:N0} MB";
    }
}
