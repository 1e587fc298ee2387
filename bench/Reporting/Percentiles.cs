namespace Cascade.Bench.Reporting;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
public sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> milliseconds)
    {
        _sorted = milliseconds.ToArray();
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;
    /// <summary>The sample in ascending order (to pool samples of several phases).</summary>
    public IReadOnlyList<double> Samples => _sorted;
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double At(double percent)
    {
        if (_sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public string Describe() => Count == 0 ? "no samples" :
        $"p50 {At(50):F1} ms, p90 {At(90):F1} ms, p99 {At(99):F1} ms, max {Max:F1} ms ({Count:N0} samples)";
}
