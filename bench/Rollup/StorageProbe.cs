using System.Collections.Concurrent;
using Cascade.Bench.Shared;
using Cascade.Storage;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Cascade.Bench.Rollup;

/// <summary>
/// The grain storage alone: writes a real leaf's state (its info and tasks) under bench-only
/// grain ids as fast as <c>concurrency</c> writers can, to separate storage cost from the rest.
/// </summary>
public static class StorageProbe
{
    public static async Task<LoadResult> RunAsync(IServiceProvider services, IGrainFactory grains, TreePlan plan, int concurrency, TimeSpan duration, int seed)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var leaf = grains.GetGrain<IUnitGrain>(plan.Units[plan.FirstLeaf + 1].Id);
        var node = await leaf.GetNode() ?? throw new InvalidOperationException("The leaf is missing.");
        var tasks = await leaf.GetTasks() ?? [];
        var states = new ConcurrentBag<(GrainId Id, GrainState<UnitState> State)>(Enumerable.Range(0, concurrency).Select(i =>
            (GrainId.Create("benchstorage", $"w{i}"), new GrainState<UnitState>(new UnitState { Info = node.Unit, Tasks = [.. tasks] }))));
        return await ClosedLoop.RunAsync(concurrency, duration, seed, async _ =>
        {
            if (!states.TryTake(out var writer)) return 0;
            try
            {
                await storage.WriteStateAsync("unit", writer.Id, writer.State);
                return 200;
            }
            finally
            {
                states.Add(writer);
            }
        });
    }
}
