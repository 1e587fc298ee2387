using System.Diagnostics;

namespace Cascade.Bench.Reporting;

/// <summary>
/// Which product code a run measured: the commit, and the files under <c>grains/</c> and
/// <c>web/</c> that differ from it (others edit them while benchmarks run). Read when the run
/// starts, just after <c>dotnet run</c> built it.
/// </summary>
public static class SourceVersion
{
    public static string Describe()
    {
        var commit = Git("log", "-1", "--format=%h %ci %s");
        if (commit is null) return "unknown (no git)";
        var changed = Git("status", "--porcelain", "--", "grains", "web")?.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim()).ToList() ?? [];
        return changed.Count == 0 ? $"commit {commit}" : $"commit {commit}, plus uncommitted: {string.Join(", ", changed)}";
    }

    private static string? Git(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(AppContext.BaseDirectory);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var git = Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
