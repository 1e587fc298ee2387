using System.Diagnostics;
using System.Text;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Units;

namespace Cascade.Bench.Wall;

/// <summary>
/// Write-to-wall latency, one probe at a time: PATCH the weight of the probe task (nothing
/// else changes weights), then watch every wall until it holds a root summary with the new
/// total weight. One sample per wall and probe: from the PATCH answering 2xx to that wall
/// holding it (zero when the push overtook the HTTP answer). Alongside, the root grain is
/// polled about every millisecond (as <c>rollup</c> does), which splits the time into the
/// roll-up up the tree and the push from the root to the walls.
/// Between probes it pauses 5 ms plus a random share of <c>pauseMilliseconds</c>: each wall may
/// receive only 4 messages a second, so a probe sent right after the previous one reached the
/// walls would always find the budget just spent and measure the budget, not the path; real
/// writes arrive at random moments.
/// </summary>
public sealed class WallProbe(HttpClient http, IUnitGrain root, string url, double baseTotal, IReadOnlyList<WallClient> walls, FeedTap feed, int pauseMilliseconds, int seed)
{
    private readonly Random _random = new(seed);

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    /// <summary>Probe weights cycle through three values so a wall that missed one probe cannot match the next by accident.</summary>
    private double _weight = TreePlan.ProbeInitialWeight;

    public List<double> Samples { get; } = [];
    public List<double> RootSamples { get; } = [];
    /// <summary>Per probe: the first and the last wall to hold it.</summary>
    public List<double> FirstWall { get; } = [];
    public List<double> LastWall { get; } = [];
    public List<double> PatchMilliseconds { get; } = [];
    /// <summary>Per probe: from the root grain showing the new total (polled) to the first wall holding it.</summary>
    public List<double> RootToFirstWall { get; } = [];
    /// <summary>Per probe: from the root grain showing it to the feed partition's batch carrying it, and from there to the first wall.</summary>
    public List<double> RootToFeed { get; } = [];
    public List<double> FeedToFirstWall { get; } = [];
    public int Probes { get; private set; }
    public int WallTimeouts { get; private set; }
    public int RootTimeouts { get; private set; }
    public int Failures { get; private set; }
    /// <summary>Samples where the wall held the new total before the PATCH's answer was read.</summary>
    public int AheadOfAnswer { get; private set; }
    public double ExpectedTotal => baseTotal - TreePlan.ProbeInitialWeight + _weight;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var next = _weight % 3 + 1;
            var sent = Stopwatch.GetTimestamp();
            int status;
            try
            {
                status = await BenchHttp.PatchAsync(http, url, Encoding.UTF8.GetBytes($$"""{"weight":{{next}}}"""));
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            if (status is < 200 or >= 300)
            {
                Failures++;
                await Task.Delay(10, CancellationToken.None);
                continue;
            }
            var answered = Stopwatch.GetTimestamp();
            _weight = next;
            Probes++;
            PatchMilliseconds.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
            var rootSeen = WaitForRoot(answered, ExpectedTotal);
            var firstWall = await WaitForWalls(answered, ExpectedTotal);
            var atFeed = await WaitForFeed(answered, ExpectedTotal);
            if (await rootSeen is { } atRoot)
            {
                RootSamples.Add(atRoot);
                if (firstWall is { } first) RootToFirstWall.Add(Math.Max(0, first - atRoot));
                if (atFeed is { } fed) RootToFeed.Add(Math.Max(0, fed - atRoot));
            }
            else RootTimeouts++;
            if (atFeed is { } feedAt && firstWall is { } wallAt) FeedToFirstWall.Add(Math.Max(0, wallAt - feedAt));
            await Task.Delay(5 + _random.Next(Math.Max(1, pauseMilliseconds)), CancellationToken.None);
        }
    }

    /// <returns>When the first wall held it, in milliseconds after the answer.</returns>
    private async Task<double?> WaitForWalls(long answered, double expected)
    {
        var waiting = Enumerable.Range(0, walls.Count).ToList();
        var mine = new List<double>(walls.Count);
        while (waiting.Count > 0 && Stopwatch.GetElapsedTime(answered) < GiveUpAfter)
        {
            waiting.RemoveAll(w =>
            {
                if (!walls[w].Holds(expected, out var since)) return false;
                if (since < answered) AheadOfAnswer++;
                mine.Add(since <= answered ? 0 : Stopwatch.GetElapsedTime(answered, since).TotalMilliseconds);
                return true;
            });
            if (waiting.Count > 0) await Task.Delay(1, CancellationToken.None);
        }
        WallTimeouts += waiting.Count;
        Samples.AddRange(mine);
        if (mine.Count == 0) return null;
        FirstWall.Add(mine.Min());
        LastWall.Add(mine.Max());
        return mine.Min();
    }

    private async Task<double?> WaitForFeed(long answered, double expected)
    {
        while (Stopwatch.GetElapsedTime(answered) < GiveUpAfter)
        {
            if (feed.Holds(expected, out var since))
                return since <= answered ? 0 : Stopwatch.GetElapsedTime(answered, since).TotalMilliseconds;
            await Task.Delay(1, CancellationToken.None);
        }
        return null;
    }

    private async Task<double?> WaitForRoot(long answered, double expected)
    {
        while (Stopwatch.GetElapsedTime(answered) < GiveUpAfter)
        {
            var summary = await root.GetSummary();
            if (summary is not null && Math.Abs(summary.All.Weight - expected) < 1e-6)
                return Stopwatch.GetElapsedTime(answered).TotalMilliseconds;
            await Task.Delay(1, CancellationToken.None);
        }
        return null;
    }

    public Percentiles Latency => new(Samples);
}
