using Cascade.Bench.Shared;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Hosting;

/// <summary>A tree of <c>units</c> with <c>tasksPerUnit</c> tasks each, imported in process; answers once the root shows every task.</summary>
public static class Province
{
    public static async Task<TreePlan> BuildAsync(BenchHost host, int units, int tasksPerUnit)
    {
        var clock = host.Services.GetRequiredService<DomainClock>();
        var tree = TreePlan.Create(units, tasksPerUnit, 42, clock.Today.Year);
        var builder = new TreeBuilder(host.Grains, tree, null);
        var imported = await builder.ImportUnitsAsync(2000, Console.WriteLine);
        var tasks = await builder.ImportTasksAsync(64, Console.WriteLine);
        _ = await TreeBuilder.WaitForRootAsync(host.Grains.GetGrain<IUnitGrain>(tree.RootId), tree.TaskCount, builder.TotalWeight, TimeSpan.FromSeconds(180))
            ?? throw new InvalidOperationException("The root never showed every task.");
        Console.WriteLine($"Built {tree.Units.Length:N0} units and {tree.TaskCount:N0} tasks in {(imported.Elapsed + tasks.Elapsed).TotalSeconds:F1} s");
        return tree;
    }
}
