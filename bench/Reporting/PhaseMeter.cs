using System.Diagnostics;

namespace Cascade.Bench.Reporting;

/// <summary>Takes the process's counters at the start of a phase and the difference at its end.</summary>
public sealed class PhaseMeter
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu = ProcessFacts.CpuTime;
    private readonly int _gen0 = GC.CollectionCount(0), _gen1 = GC.CollectionCount(1), _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly (long, long) _system = SystemCpu.Read();

    private PhaseMeter() { }

    public static PhaseMeter Start() => new();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public PhaseStats Stop(long operations) => new(
        operations, Elapsed, ProcessFacts.CpuTime - _cpu,
        GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2,
        GC.GetTotalPauseDuration() - _pause, GC.GetTotalAllocatedBytes() - _allocated,
        SystemCpu.BusyCores(_system, SystemCpu.Read()), GcLog.Between(_start, Stopwatch.GetTimestamp()));
}
