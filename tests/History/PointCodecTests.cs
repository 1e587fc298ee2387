using Cascade.History;
using Cascade.Rollup;
using Cascade.Units;

namespace Cascade.Tests.History;

/// <summary>A history point's stored figures (docs/architecture.md "History"): they round-trip at four decimals, in 23 bytes when every count is below 128.</summary>
public sealed class PointCodecTests
{
    /// <summary>A realistic unit: a branch of a municipal bureau, its Chinese name 21 characters long.</summary>
    public static HistoryPoint Branch(DateOnly day) => new(day, "b-0421", "c-017", "中共市发展和改革委员会机关第三党支部委员会", UnitKind.Branch, 2,
        new PointFigures(Health.Amber, 0.1234, 0.2, 137, 58, 12, 3, 9,
            new TrackPoint(0.4567, 0.55), new TrackPoint(0.3456, 0.6), new TrackPoint(0.41, 0.5734)));

    [Fact]
    public void Figures_round_trip_at_four_decimals()
    {
        var figures = Branch(new DateOnly(2026, 12, 7)).Figures;
        Assert.Equal(figures, PointCodec.Decode(PointCodec.Encode(figures)));
        var rounded = figures with { Lag = -0.33336, Party = new TrackPoint(0.123456, 1) };
        var back = PointCodec.Decode(PointCodec.Encode(rounded));
        Assert.Equal(-0.3334, back.Lag);
        Assert.Equal(new TrackPoint(0.1235, 1), back.Party);
    }

    [Fact]
    public void Nulls_and_large_counts_round_trip()
    {
        var none = new PointFigures(Health.None, null, null, 0, 0, 0, 0, 0, new TrackPoint(null, null), new TrackPoint(null, null), new TrackPoint(null, null));
        Assert.Equal(none, PointCodec.Decode(PointCodec.Encode(none)));
        var root = none with { Health = Health.Red, Lag = -1, Imbalance = 1, Count = 2_000_000, Done = 1_500_000, Overdue = 300, Blocked = 1, OpenAlerts = 5_000 };
        Assert.Equal(root, PointCodec.Decode(PointCodec.Encode(root)));
        Assert.Equal(18 + 3 + 3 + 2 + 1 + 2, PointCodec.Encode(root).Length);
    }

    [Fact]
    public void A_branchs_figures_take_24_bytes()
    {
        // Format, health, six fractions, lag, imbalance (18 bytes), five counts below 128 but one (6).
        Assert.Equal(24, PointCodec.Encode(Branch(new DateOnly(2026, 12, 7)).Figures).Length);
    }
}
