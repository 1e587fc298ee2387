using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Cascade.Tests.Operations;

/// <summary>
/// README's API examples write only to a unit of their own (<c>sandbox</c> and units below it),
/// which they create first and delete last: following them never turns a real branch red or
/// puts it on the leadership wall.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    private static string Readme([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "README.md"));

    [GeneratedRegex(@"curl\s[^\n]*?-X\s+(POST|PATCH|PUT|DELETE)\s+http://localhost:5000(/api/v1/units[^\s'""]*)(?:[^\n\\]|\\(?!\n))*(?:\\\n(?:[^\n\\]|\\(?!\n))*)*")]
    private static partial Regex UnitWrite();

    [GeneratedRegex(@"""(?:id|parentId)""\s*:\s*""([^""]+)""")]
    private static partial Regex UnitIds();

    [Fact]
    public void Every_write_example_on_units_and_tasks_touches_only_the_sandbox_which_it_creates_first_and_deletes_last()
    {
        var writes = UnitWrite().Matches(Readme()).ToList();
        Assert.True(writes.Count >= 6, $"README's write examples were not found ({writes.Count})");
        foreach (var write in writes)
        {
            var (method, path) = (write.Groups[1].Value, write.Groups[2].Value);
            var target = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(3);
            if (target is not null) Assert.StartsWith("sandbox", target);
            // A new unit is the sandbox or goes under it (the sandbox itself under the organ committee).
            foreach (var id in UnitIds().Matches(write.Value).Select(m => m.Groups[1].Value))
                Assert.True(id.StartsWith("sandbox", StringComparison.Ordinal) || id == "jgdw" || method != "POST" || path.Contains("/tasks"),
                    $"{method} {path} names the real unit '{id}'");
        }
        Assert.Contains("/api/v1/units -H", writes[0].Value);
        Assert.Contains("\"id\":\"sandbox\"", writes[0].Value);
        Assert.Equal(("DELETE", "/api/v1/units/sandbox"), (writes[^1].Groups[1].Value, writes[^1].Groups[2].Value));
    }
}
