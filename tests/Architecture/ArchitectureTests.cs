using Mono.Cecil;

namespace Cascade.Tests.Architecture;

/// <summary>
/// The rooms of docs/architecture.md hold: projects reference only the projects below them,
/// the domain uses neither Orleans' runtime nor ASP.NET, and no folder depends on itself
/// through others (a cycle between folders of the compiled product fails here).
/// </summary>
public class ArchitectureTests
{
    /// <summary>Each product project and the Cascade projects it may reference (docs/architecture.md, "Rooms").</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Cascade.Domain"] = [],
        ["Cascade.Contracts"] = ["Cascade.Domain"],
        ["Cascade.Grains"] = ["Cascade.Domain", "Cascade.Contracts"],
        ["Cascade.Web"] = ["Cascade.Domain", "Cascade.Contracts", "Cascade.Grains"],
        ["Cascade.Silo"] = ["Cascade.Domain", "Cascade.Contracts", "Cascade.Grains"],
    };

    private static IEnumerable<string> ProductAssemblies() =>
        Allowed.Keys.Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll"));

    private static IReadOnlyList<string> ReferencesOf(string project)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(Path.Combine(AppContext.BaseDirectory, project + ".dll"));
        return [.. assembly.MainModule.AssemblyReferences.Select(r => r.Name)];
    }

    [Fact]
    public void Projects_reference_only_the_projects_below_them()
    {
        foreach (var (project, allowed) in Allowed)
        {
            var cascade = ReferencesOf(project).Where(r => r.StartsWith("Cascade.", StringComparison.Ordinal));
            Assert.All(cascade, r => Assert.True(allowed.Contains(r), $"{project} references {r}"));
        }
    }

    [Fact]
    public void The_domain_uses_neither_the_orleans_runtime_nor_aspnet()
    {
        var references = ReferencesOf("Cascade.Domain");
        Assert.Contains("Orleans.Serialization.Abstractions", references); // the check below reads the right file
        Assert.All(references, r =>
        {
            Assert.False(r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal), $"the domain references {r}");
            if (r.StartsWith("Orleans", StringComparison.Ordinal))
                Assert.True(r is "Orleans.Serialization" or "Orleans.Serialization.Abstractions", $"the domain references {r}");
        });
    }

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        var graph = DependencyGraph.Of(ProductAssemblies());
        Assert.NotEmpty(graph.Edges); // the graph was read at all
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, string.Join("\n\n", cycles.Select(cycle => Describe(graph, cycle))));
    }

    [Fact]
    public void A_cycle_between_folders_is_found()
    {
        // The check above can fail: a graph read from this very assembly, whose two folders below use each other.
        var graph = DependencyGraph.Of([typeof(ArchitectureTests).Assembly.Location]);
        var cycle = Assert.Single(graph.Cycles(), c => c.Contains("Cascade.Tests:Cascade.Tests.Architecture.Ping"));
        Assert.Contains("Cascade.Tests:Cascade.Tests.Architecture.Pong", cycle);
    }

    private static string Describe(DependencyGraph graph, IReadOnlyList<string> cycle)
    {
        var members = cycle.ToHashSet();
        var edges = cycle.SelectMany(from => graph.Edges.GetValueOrDefault(from, []).Where(members.Contains)
            .Select(to => $"  {from} -> {to}   ({graph.Example(from, to)})"));
        return $"cycle: {string.Join(", ", cycle)}\n{string.Join("\n", edges)}";
    }
}
