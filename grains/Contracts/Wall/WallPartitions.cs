using System.IO.Hashing;
using System.Text;

namespace Cascade.Wall;

/// <summary>Which feed partition a unit publishes to: a stable hash, the same on every node.</summary>
public static class WallPartitions
{
    public const int Count = 8;

    public static int For(string unitId) => (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(unitId)) % Count);

    public static IEnumerable<IWallFeedGrain> All(IGrainFactory grains) =>
        Enumerable.Range(0, Count).Select(p => grains.GetGrain<IWallFeedGrain>(p));
}
