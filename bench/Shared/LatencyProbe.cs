using System.Diagnostics;
using System.Text;
using Cascade.Bench.Reporting;
using Cascade.Units;

namespace Cascade.Bench.Shared;

/// <summary>
/// Write-to-root latency, one probe at a time: PATCH the weight of the probe task (nothing else
/// changes weights), then poll the root's summary about every millisecond until its total
/// weight shows the change. The time counted runs from the PATCH answering to the root showing it.
/// </summary>
public sealed class LatencyProbe(HttpClient http, IUnitGrain root, string url, double baseTotal)
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private double _weight = TreePlan.ProbeInitialWeight;

    public int Timeouts { get; private set; }
    public int Failures { get; private set; }
    public List<double> WriteMilliseconds { get; } = [];
    /// <summary>Expected root total weight after the last accepted probe.</summary>
    public double ExpectedTotal => baseTotal - TreePlan.ProbeInitialWeight + _weight;

    public async Task<Percentiles> RunAsync(CancellationToken stop)
    {
        var samples = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var next = _weight == 1 ? 2 : 1;
            var sent = Stopwatch.GetTimestamp();
            var status = await BenchHttp.PatchAsync(http, url, Encoding.UTF8.GetBytes($$"""{"weight":{{next}}}"""));
            if (status is < 200 or >= 300)
            {
                Failures++;
                await Task.Delay(10, CancellationToken.None);
                continue;
            }
            _weight = next;
            var answered = Stopwatch.GetTimestamp();
            WriteMilliseconds.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
            var seen = await WaitForRoot(answered);
            if (seen is { } latency) samples.Add(latency.TotalMilliseconds);
            else Timeouts++;
            await Task.Delay(5, CancellationToken.None);
        }
        return new Percentiles(samples);
    }

    private async Task<TimeSpan?> WaitForRoot(long answered)
    {
        while (true)
        {
            var summary = await root.GetSummary();
            if (summary is not null && Math.Abs(summary.All.Weight - ExpectedTotal) < 1e-6)
                return Stopwatch.GetElapsedTime(answered);
            if (Stopwatch.GetElapsedTime(answered) > GiveUpAfter) return null;
            await Task.Delay(1, CancellationToken.None);
        }
    }
}
