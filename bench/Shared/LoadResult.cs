using Cascade.Bench.Reporting;

namespace Cascade.Bench.Shared;

public sealed record LoadResult(
    int Concurrency, PhaseStats Stats, Percentiles Latency,
    IReadOnlyDictionary<int, int> Failures, IReadOnlyDictionary<string, int> Errors)
{
    public long Succeeded => Stats.Operations;
    public long Failed => Failures.Values.Sum();
    public double Rate => Stats.Rate;

    public string DescribeFailures() => Failed == 0 ? "none" :
        string.Join(", ", Failures.OrderBy(f => f.Key).Select(f => f.Key == 0 ? $"{f.Value:N0} exceptions" : $"{f.Value:N0} x {f.Key}"))
        + (Errors.Count == 0 ? "" : " (" + string.Join(", ", Errors.Select(e => $"{e.Key} x{e.Value}")) + ")");
}
