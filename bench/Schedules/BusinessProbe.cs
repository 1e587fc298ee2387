using System.Diagnostics;
using System.Text;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Bench.Wall;

namespace Cascade.Bench.Schedules;

/// <summary>
/// Write-to-wall latency while the period turns, one probe at a time: PATCH the weight of the
/// probe task (a business task; the instances are party tasks, so nothing else changes the
/// business weight), then watch every wall until it holds the root's new business weight. One
/// sample per wall and probe, from the PATCH answering to that wall holding it, stamped with
/// when the PATCH answered so a window (before midnight, during the change) can be cut out.
/// Between probes 5 ms plus a random share of a second: each wall receives at most 4 messages a
/// second, and real writes arrive at random moments (as <see cref="WallProbe"/> does).
/// </summary>
public sealed class BusinessProbe(HttpClient http, string url, double baseBusiness, IReadOnlyList<WallClient> walls, int seed)
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly List<(long At, double Milliseconds)> _samples = [];
    private readonly List<(long At, int Walls)> _timeouts = [];
    private readonly List<long> _failures = [];
    private double _weight = TreePlan.ProbeInitialWeight;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var next = _weight % 3 + 1; // 1, 2, 3: a wall that missed a probe cannot match the next by accident
            int status;
            try
            {
                status = await BenchHttp.PatchAsync(http, url, Encoding.UTF8.GetBytes($$"""{"weight":{{next}}}"""));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
            var answered = Stopwatch.GetTimestamp();
            if (status is < 200 or >= 300)
            {
                lock (_gate) _failures.Add(answered);
                await Task.Delay(10, CancellationToken.None);
                continue;
            }
            _weight = next;
            await WaitForWalls(answered, baseBusiness - TreePlan.ProbeInitialWeight + next);
            await Task.Delay(5 + _random.Next(1000), CancellationToken.None);
        }
    }

    private async Task WaitForWalls(long answered, double expected)
    {
        var waiting = Enumerable.Range(0, walls.Count).ToList();
        while (waiting.Count > 0 && Stopwatch.GetElapsedTime(answered) < GiveUpAfter)
        {
            waiting.RemoveAll(w =>
            {
                if (!walls[w].Holds(expected, out var since)) return false;
                var ms = since <= answered ? 0 : Stopwatch.GetElapsedTime(answered, since).TotalMilliseconds;
                lock (_gate) _samples.Add((answered, ms));
                return true;
            });
            if (waiting.Count > 0) await Task.Delay(1, CancellationToken.None);
        }
        if (waiting.Count > 0) lock (_gate) _timeouts.Add((answered, waiting.Count));
    }

    /// <summary>The samples of the probes whose PATCH answered between two timestamps, with the timeouts and failed PATCHes there.</summary>
    public (Percentiles Latency, int Timeouts, int Failures) Between(long from, long to)
    {
        lock (_gate)
            return (new Percentiles(_samples.Where(s => s.At >= from && s.At < to).Select(s => s.Milliseconds)),
                _timeouts.Where(t => t.At >= from && t.At < to).Sum(t => t.Walls),
                _failures.Count(f => f >= from && f < to));
    }
}
