using System.Runtime;
using System.Runtime.InteropServices;

namespace Cascade.Bench.Reporting;

/// <summary>The machine and runtime a run happened on.</summary>
public static class Machine
{
    public static string Describe()
    {
        var os = OsName() ?? RuntimeInformation.OSDescription;
        var cpu = CpuModel();
        return $"{Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {MemoryTotal()} RAM, " +
               $"{os} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, " +
               $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC";
    }

    private static string? OsName() => ReadField("/etc/os-release", "PRETTY_NAME=")?.Trim('"');

    private static string? CpuModel() => ReadField("/proc/cpuinfo", "model name")?.Split(':', 2).Last().Trim();

    private static string MemoryTotal()
    {
        var kb = ReadField("/proc/meminfo", "MemTotal:")?.Trim().Split(' ')[0];
        var bytes = kb is not null ? long.Parse(kb) * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / (1024.0 * 1024 * 1024):F1} GB";
    }

    private static string? ReadField(string path, string prefix)
    {
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[prefix.Length..];
        return null;
    }
}
