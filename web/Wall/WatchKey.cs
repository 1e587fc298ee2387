namespace Cascade.Web.Wall;

/// <summary>What a wall watches: a unit and how many levels below it. Walls with the same key share one group.</summary>
public readonly record struct WatchKey(string UnitId, int Depth)
{
    public const int MaxDepth = 6;
}
