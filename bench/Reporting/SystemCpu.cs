namespace Cascade.Bench.Reporting;

/// <summary>
/// Machine-wide CPU from /proc/stat, so a report can say how much of the machine other
/// processes took while a phase ran (the bench shares the machine with whatever else runs).
/// </summary>
public static class SystemCpu
{
    /// <summary>Busy and total jiffies over all cores; zeros where /proc/stat is missing.</summary>
    public static (long Busy, long Total) Read()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat)) return (0, 0);
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return (total - idle, total);
    }

    /// <summary>Cores busy machine-wide between two readings.</summary>
    public static double BusyCores((long Busy, long Total) from, (long Busy, long Total) to) =>
        to.Total == from.Total ? double.NaN : (double)(to.Busy - from.Busy) / (to.Total - from.Total) * Environment.ProcessorCount;
}
