using System.Diagnostics;
using System.Text.Json;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Alerts;

/// <summary>
/// The ledger's question at the root (<c>GET /api/v1/alerts?unit=root&amp;subtree=true</c>, answered
/// by the open-alert index, decision 010) over HTTP as the admin: waits until its answer is the
/// census's open alerts, then times <paramref name="reads"/> reads one after another.
/// </summary>
public sealed class LedgerRead
{
    public int Answered { get; private init; }
    public bool SameAsCensus { get; private init; }
    public TimeSpan Settled { get; private init; }
    public long Bytes { get; private init; }
    public List<double> Milliseconds { get; } = [];

    public double At(int percent) => Milliseconds.Order().ElementAt(Math.Min(Milliseconds.Count - 1, Milliseconds.Count * percent / 100));
    public double Max => Milliseconds.Max();

    public static async Task<LedgerRead> MeasureAsync(Uri address, string rootId, AlertCensus census, int reads)
    {
        using var http = BenchHttp.Create(4);
        var url = new Uri(address, $"/api/v1/alerts?unit={Uri.EscapeDataString(rootId)}&subtree=true");
        var want = census.Open.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        HashSet<string> got = [];
        byte[] body = [];
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            body = await http.GetByteArrayAsync(url);
            got = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
            if (got.SetEquals(want)) break;
            await Task.Delay(200);
        }
        var read = new LedgerRead { Answered = got.Count, SameAsCensus = got.SetEquals(want), Settled = watch.Elapsed, Bytes = body.Length };
        for (var i = 0; i < reads; i++)
        {
            var one = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            read.Milliseconds.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        }
        return read;
    }

    public string Describe() =>
        $"{Answered:N0} alerts ({Bytes / 1024.0:F0} KB), {(SameAsCensus ? "exactly" : "NOT")} the open alerts every unit holds (settled in {Settled.TotalSeconds:F1} s); " +
        $"{Milliseconds.Count} reads p50 {At(50):F0} ms, p90 {At(90):F0} ms, max {Max:F0} ms";
}
