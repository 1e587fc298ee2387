using Cascade.Web.Identity;

namespace Cascade.Web.Wall;

/// <summary>What a wall watches: a unit and how many levels below it. Walls with the same key share one group.</summary>
public readonly record struct WatchKey(string UnitId, int Depth)
{
    /// <summary>As deep as a kiosk may show: the two limits are one.</summary>
    public const int MaxDepth = Kiosks.MaxDepth;
}
