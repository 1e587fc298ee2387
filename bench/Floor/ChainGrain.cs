namespace Cascade.Bench.Floor;

public sealed class ChainGrain : Grain, IChainGrain
{
    /// <summary>Grains per level: enough that requests in flight rarely queue on one activation.</summary>
    public const int Width = 1000;

    public static long KeyAt(int depth) => depth * 1_000_000L + Random.Shared.Next(Width);

    public Task Hop(int depth) =>
        depth == 0 ? Task.CompletedTask : GrainFactory.GetGrain<IChainGrain>(KeyAt(depth - 1)).Hop(depth - 1);
}
