namespace Cascade.Bench.Reporting;

/// <summary>
/// CPU time of this process's descendants (e.g. the browser a Playwright driver started), read
/// from /proc: <c>utime + stime</c> of every live process whose parent chain leads here.
/// </summary>
public static class ChildProcesses
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Seconds of CPU used so far by live descendants whose command name contains <paramref name="name"/>; 0 without /proc.</summary>
    public static double CpuSeconds(string name)
    {
        if (!Directory.Exists("/proc")) return 0;
        var self = Environment.ProcessId;
        var stats = new Dictionary<int, (int Parent, string Command, long Ticks)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var text = File.ReadAllText(Path.Combine(folder, "stat"));
                var open = text.IndexOf('(');
                var close = text.LastIndexOf(')');
                var command = text[(open + 1)..close];
                var fields = text[(close + 2)..].Split(' ');
                // fields[0] = state, [1] = ppid, [11] = utime, [12] = stime
                stats[pid] = (int.Parse(fields[1]), command, long.Parse(fields[11]) + long.Parse(fields[12]));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        bool Descends(int pid)
        {
            for (var hops = 0; hops < 64 && stats.TryGetValue(pid, out var stat); hops++)
            {
                if (stat.Parent == self) return true;
                pid = stat.Parent;
            }
            return false;
        }
        return stats.Where(s => s.Value.Command.Contains(name, StringComparison.OrdinalIgnoreCase) && Descends(s.Key))
            .Sum(s => s.Value.Ticks) / TicksPerSecond;
    }
}
