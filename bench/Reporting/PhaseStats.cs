namespace Cascade.Bench.Reporting;

/// <summary>What one phase cost: wall time, process CPU, collections and GC pauses.</summary>
public sealed record PhaseStats(long Operations, TimeSpan Elapsed, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated, double MachineCores,
    IReadOnlyList<GcLog.Collection> Collections)
{
    public double Rate => Operations / Elapsed.TotalSeconds;
    public double CpuPerOperation => Operations == 0 ? double.NaN : Cpu.TotalSeconds / Operations;
    /// <summary>Average cores busy: process CPU over wall time.</summary>
    public double Cores => Cpu.TotalSeconds / Elapsed.TotalSeconds;

    /// <summary>Cores other processes kept busy meanwhile.</summary>
    public double OtherCores => Math.Max(0, MachineCores - Cores);

    public string Describe() =>
        $"{Elapsed.TotalSeconds:F1} s wall, {Cpu.TotalSeconds:F1} s CPU ({Cores:F2} cores; other processes {OtherCores:F2} cores), " +
        $"GC {Gen0}/{Gen1}/{Gen2} (gen0/1/2), GC pauses {GcPause.TotalMilliseconds:N0} ms, allocated {ProcessFacts.Mb(Allocated)} [{GcLog.Describe(Collections)}]";
}
