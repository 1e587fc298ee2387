using System.Diagnostics;

namespace Cascade.Bench.Reporting;

/// <summary>
/// The process's CPU time and the machine's busy time every <c>every</c>, on a thread of its
/// own, so a phase can be cut afterwards into stretches (a burst of work and the quiet between).
/// </summary>
public sealed class CpuSampler : IDisposable
{
    public readonly record struct Sample(long At, TimeSpan Cpu, (long Busy, long Total) Machine);

    private readonly List<Sample> _samples = [];
    private readonly TimeSpan _every;
    private volatile bool _stopped;

    public CpuSampler(TimeSpan every)
    {
        _every = every;
        new Thread(Run) { IsBackground = true, Name = "bench-cpu-sampler" }.Start();
    }

    private void Run()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stopped)
        {
            process.Refresh();
            var sample = new Sample(Stopwatch.GetTimestamp(), process.TotalProcessorTime, SystemCpu.Read());
            lock (_samples) _samples.Add(sample);
            Thread.Sleep(_every);
        }
    }

    /// <summary>
    /// Process CPU and cores busy in other processes between the samples nearest to
    /// <paramref name="from"/> and <paramref name="to"/> (inside the range).
    /// </summary>
    public (TimeSpan Cpu, TimeSpan Elapsed, double OtherCores) Between(long from, long to)
    {
        Sample first, last;
        lock (_samples)
        {
            var inside = _samples.Where(s => s.At >= from && s.At <= to).ToList();
            if (inside.Count < 2) return (TimeSpan.Zero, TimeSpan.Zero, double.NaN);
            (first, last) = (inside[0], inside[^1]);
        }
        var elapsed = Stopwatch.GetElapsedTime(first.At, last.At);
        var cpu = last.Cpu - first.Cpu;
        var machine = SystemCpu.BusyCores(first.Machine, last.Machine);
        return (cpu, elapsed, Math.Max(0, machine - cpu.TotalSeconds / elapsed.TotalSeconds));
    }

    public void Dispose() => _stopped = true;
}
