using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cascade.Bench.Reporting;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), to charge work done
/// inside the bench process to the bench's clients rather than to the product; elsewhere, the
/// wall clock (which also counts waiting for a CPU).
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static readonly bool Available = OperatingSystem.IsLinux() && TryRead(out _);

    private static bool TryRead(out long nanoseconds)
    {
        try
        {
            if (ClockGetTime(ClockThreadCpuTime, out var time) == 0)
            {
                nanoseconds = time.Seconds * 1_000_000_000 + time.Nanoseconds;
                return true;
            }
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
        nanoseconds = 0;
        return false;
    }

    /// <summary>Nanoseconds: this thread's CPU time, or the wall clock where that is not available.</summary>
    public static long Now() => Available && TryRead(out var nanoseconds)
        ? nanoseconds
        : (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    public static string Kind => Available ? "thread CPU time" : "wall clock";
}
