namespace Cascade.Bench.Floor;

/// <summary>A no-op grain that calls the next one until depth 0: the cost of a call chain alone.</summary>
public interface IChainGrain : IGrainWithIntegerKey
{
    Task Hop(int depth);
}
