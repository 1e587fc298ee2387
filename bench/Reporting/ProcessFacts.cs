using System.Diagnostics;

namespace Cascade.Bench.Reporting;

/// <summary>This process's memory and CPU, read from /proc where Linux has it.</summary>
public static class ProcessFacts
{
    /// <summary>Peak resident set size (VmHWM) in bytes.</summary>
    public static long PeakRss => StatusField("VmHWM:") ?? Current(p => p.PeakWorkingSet64);

    /// <summary>Current resident set size (VmRSS) in bytes.</summary>
    public static long Rss => StatusField("VmRSS:") ?? Current(p => p.WorkingSet64);

    public static TimeSpan CpuTime
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    private static long Current(Func<Process, long> read)
    {
        using var process = Process.GetCurrentProcess();
        return read(process);
    }

    private static long? StatusField(string name)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
            if (line.StartsWith(name, StringComparison.Ordinal))
                return long.Parse(line[name.Length..].Trim().Split(' ')[0]) * 1024;
        return null;
    }

    public static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):N0} MB";
}
