namespace Cascade.Units;

/// <summary>
/// The cluster's version ceiling (decision 009): no unit on any node hands out a summary version
/// above the ceiling stored here, so a unit activating anywhere starts above it. One grain, key 0,
/// called by <see cref="VersionLeases"/>.
/// </summary>
public interface IVersionLeaseGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// For an activation: answers the ceiling stored when the call arrived (every version handed
    /// out so far is at or below it), once a new one above it, and at least <paramref name="atLeast"/>, is stored.
    /// </summary>
    Task<VersionLease> Activate(long atLeast);

    /// <summary>Stores a ceiling of at least <paramref name="atLeast"/> (if it is not already) and answers the ceiling.</summary>
    Task<long> Raise(long atLeast);
}
