using System.Diagnostics;
using Cascade.Bench.Shared;
using Cascade.Inspections;
using Cascade.Storage;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Inspect;

/// <summary>
/// A diagnostic after the capture, with no load: the capture's two per-unit costs on their own,
/// done the way the capture does them. Every unit's <see cref="IUnitGrain.Snapshot"/> in batches of
/// <see cref="InspectionGrain.Batch"/> (each batch awaited before the next), then every snapshot
/// encoded by the product's <see cref="FrozenCodec"/> (Brotli, on one thread, as the capture's
/// grain does). What the capture took beyond these is its rows' writes, its sums and the load.
/// </summary>
public static class CaptureSplit
{
    public sealed record Outcome(int Units, TimeSpan Snapshots, TimeSpan Encoding, long Encoded);

    public static async Task<Outcome> RunAsync(IServiceProvider services, IGrainFactory grains, TreePlan plan)
    {
        var codec = services.GetRequiredService<FrozenCodec>();
        var snapshots = new List<UnitSnapshot>(plan.Units.Length);
        var watch = Stopwatch.StartNew();
        foreach (var batch in plan.Units.Chunk(InspectionGrain.Batch))
        {
            var answers = await Task.WhenAll(batch.Select(u => grains.GetGrain<IUnitGrain>(u.Id).Snapshot()));
            snapshots.AddRange(answers.Select(a => a ?? new UnitSnapshot([], [])));
        }
        var snapshotTime = watch.Elapsed;
        watch.Restart();
        var encoded = 0L;
        foreach (var snapshot in snapshots) encoded += codec.Work(snapshot).Length;
        return new Outcome(snapshots.Count, snapshotTime, watch.Elapsed, encoded);
    }
}
