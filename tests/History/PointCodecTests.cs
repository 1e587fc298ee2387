using Cascade.History;
using Cascade.Rollup;
using Cascade.Units;

namespace Cascade.Tests.History;

/// <summary>A history point's stored form (docs/architecture.md "History"): it round-trips, and a unit-day fits in 100 bytes.</summary>
public sealed class PointCodecTests
{
    /// <summary>A realistic unit: a branch of a municipal bureau, its Chinese name 16 characters long.</summary>
    public static HistoryPoint Branch(DateOnly day) => new(day, "b-0421", "c-017", "市发展和改革委员会机关第三党支部", UnitKind.Branch, 2,
        new PointFigures(Health.Amber, 0.1234, 0.2, 137, 58, 12, 3, 9,
            new TrackPoint(0.4567, 0.55), new TrackPoint(0.3456, 0.6), new TrackPoint(0.41, 0.5734)));

    [Fact]
    public void A_point_round_trips_at_four_decimals()
    {
        var point = Branch(new DateOnly(2026, 12, 7));
        Assert.Equal(point, PointCodec.Decode(point.Day, point.UnitId, PointCodec.Encode(point)));
        var rounded = point with { Figures = point.Figures with { Lag = -0.33336, Party = new TrackPoint(0.123456, 1) } };
        var back = PointCodec.Decode(point.Day, point.UnitId, PointCodec.Encode(rounded)).Figures;
        Assert.Equal(-0.3334, back.Lag);
        Assert.Equal(new TrackPoint(0.1235, 1), back.Party);
    }

    [Fact]
    public void Nulls_a_root_and_an_ascii_name_round_trip()
    {
        var point = new HistoryPoint(new DateOnly(2027, 1, 1), "root", null, "Root", UnitKind.PartyGroup, 0,
            new PointFigures(Health.None, null, null, 0, 0, 0, 0, 0, new TrackPoint(null, null), new TrackPoint(null, null), new TrackPoint(null, null)));
        Assert.Equal(point, PointCodec.Decode(point.Day, point.UnitId, PointCodec.Encode(point)));
        var big = point with { Figures = point.Figures with { Count = 2_000_000, Done = 300, OpenAlerts = 128 }, Kind = UnitKind.Office, Depth = 10 };
        Assert.Equal(big, PointCodec.Decode(big.Day, big.UnitId, PointCodec.Encode(big)));
    }

    [Fact]
    public void A_unit_day_takes_at_most_100_bytes_as_stored()
    {
        var point = Branch(new DateOnly(2026, 12, 7));
        var data = PointCodec.Encode(point);
        // The row: the unit id and the day's number (the key) and the data.
        var stored = System.Text.Encoding.UTF8.GetByteCount(point.UnitId) + sizeof(int) + data.Length;
        Assert.True(stored <= 100, $"{stored} bytes stored per unit-day ({data.Length} of data)");
        Assert.InRange(data.Length, 60, 80); // 16 Chinese characters in UTF-16 (32 bytes), the parent (6), the figures (about 30)
    }
}
