using System.Globalization;

namespace Cascade.Bench.Reporting;

/// <summary>
/// A share of the machine's CPU for some processes and every process they start later: a
/// control group of its own (cgroup v2's <c>cpu.max</c>, or v1's <c>cpu.cfs_quota_us</c>),
/// removed again on dispose. It stands in for a machine of that size: a store limited this way
/// is the bottleneck it would be on a server of its own, with the nodes on others. Needs root
/// (or a delegated, writable cgroup).
/// </summary>
public sealed class CpuLimit : IDisposable
{
    private const int Period = 10_000; // µs: a tenth of the kernel's default, so a throttled process holding a lock stalls the others 10 ms at most, not 100

    private readonly string _group;
    private readonly string _parent;

    private CpuLimit(string parent, string group)
    {
        _parent = parent;
        _group = group;
    }

    public double Cpus { get; private init; }

    /// <summary>Creates the group; says why it cannot when the machine does not let it.</summary>
    public static CpuLimit Create(double cpus)
    {
        var quota = ((long)Math.Round(cpus * Period)).ToString(CultureInfo.InvariantCulture);
        var name = "cascade-bench-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            if (File.Exists("/sys/fs/cgroup/cgroup.controllers")) // v2: one tree, the cpu controller enabled for children
            {
                var parent = "/sys/fs/cgroup";
                if (!File.ReadAllText(Path.Combine(parent, "cgroup.subtree_control")).Contains("cpu"))
                    File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+cpu");
                var group = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
                File.WriteAllText(Path.Combine(group, "cpu.max"), $"{quota} {Period}");
                return new CpuLimit(parent, group) { Cpus = cpus };
            }
            if (File.Exists("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")) // v1: the cpu hierarchy
            {
                var parent = "/sys/fs/cgroup/cpu";
                var group = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
                File.WriteAllText(Path.Combine(group, "cpu.cfs_period_us"), Period.ToString(CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), quota);
                return new CpuLimit(parent, group) { Cpus = cpus };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot limit the store's CPU: the cgroup file system refused ({e.Message}); run as root, or without --store-cpus.", e);
        }
        throw new InvalidOperationException("Cannot limit the store's CPU: this machine has no cgroup cpu controller at /sys/fs/cgroup; run without --store-cpus.");
    }

    /// <summary>Puts the processes in the group; the children they start from now on are in it too.</summary>
    public void Add(IEnumerable<int> processes)
    {
        foreach (var pid in processes)
        {
            try { File.WriteAllText(Path.Combine(_group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture)); }
            catch (IOException) { } // it ended meanwhile
        }
    }

    public void Dispose()
    {
        try
        {
            foreach (var pid in File.ReadAllLines(Path.Combine(_group, "cgroup.procs")))
            {
                try { File.WriteAllText(Path.Combine(_parent, "cgroup.procs"), pid); }
                catch (IOException) { }
            }
            Directory.Delete(_group);
        }
        catch (IOException) { } // still in use by a process on its way out: the kernel keeps an empty group, harmless
    }
}
