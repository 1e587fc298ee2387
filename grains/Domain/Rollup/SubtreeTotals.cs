namespace Cascade.Rollup;

/// <summary>Everything a unit reports to its parent: additive totals over its whole subtree.</summary>
[GenerateSerializer, Immutable, Alias("cascade.subtree-totals")]
public readonly record struct SubtreeTotals(
    [property: Id(0)] TrackTotals Party,
    [property: Id(1)] TrackTotals Business,
    /// <summary>Units in the subtree, the unit itself included.</summary>
    [property: Id(2)] int Units,
    /// <summary>Units strictly below whose own subtree health is red.</summary>
    [property: Id(3)] int RedUnits,
    [property: Id(4)] int AmberUnits,
    /// <summary>Alerts firing or acknowledged in the subtree.</summary>
    [property: Id(5)] int OpenAlerts = 0,
    /// <summary>The subtree's schedule instances of the current periods.</summary>
    [property: Id(6)] Duties Duties = default)
{
    public TrackTotals All => Party + Business;

    public static SubtreeTotals operator +(SubtreeTotals a, SubtreeTotals b) => new(
        a.Party + b.Party, a.Business + b.Business, a.Units + b.Units,
        a.RedUnits + b.RedUnits, a.AmberUnits + b.AmberUnits, a.OpenAlerts + b.OpenAlerts, a.Duties + b.Duties);
}
