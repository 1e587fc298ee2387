using System.ComponentModel.DataAnnotations;

namespace Cascade.Rollup;

/// <summary>The leading-edge throttle of upward propagation (docs/architecture.md "Data flows one way", step 2).</summary>
public sealed class RollupOptions
{
    public const string Section = "Cascade:Rollup";

    /// <summary>
    /// After a unit reports up, further changes inside this window fold into one report at
    /// its end; a lone change is reported at once. 50 ms: each busy level adds at most this
    /// much to a write's way to the root (measured in docs/benchmarks.md: halving it from
    /// 100 ms cost no update throughput, since only the few top units are ever that busy).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMilliseconds(50);
}
