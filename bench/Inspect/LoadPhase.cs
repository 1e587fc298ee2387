using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Inspect;

/// <summary>The half-rate update load of one phase and the write-to-root probe's samples meanwhile.</summary>
public sealed record LoadPhase(OpenLoop.Result Load, Percentiles Probe, int ProbeTimeouts)
{
    /// <summary>p99 with probes that never arrived counted as slower than any that did (as <c>rollup</c> counts them).</summary>
    public double ProbeP99 => ProbeTimeouts > 0 && ProbeTimeouts >= 0.01 * (Probe.Count + ProbeTimeouts) ? double.PositiveInfinity : Probe.At(99);
}
