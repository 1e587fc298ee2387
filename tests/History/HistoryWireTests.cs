using Cascade.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.History;

/// <summary>History's wire and stored records keep every field through Orleans' serializer (as <c>WireRoundTripTests</c>).</summary>
public sealed class HistoryWireTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void A_point_a_node_and_a_day_state_keep_every_field()
    {
        var point = PointCodecTests.Branch(new DateOnly(2026, 12, 7));
        Assert.Equal(point, RoundTrip(point));
        var node = new HistoryNode("c", "r", "机关党委", Cascade.Units.UnitKind.OrganCommittee, 1, point.Figures,
            [new HistoryNode("b", "c", "党支部", Cascade.Units.UnitKind.Branch, 2, point.Figures, [])]);
        var back = RoundTrip(node);
        Assert.Equal(node with { Children = [] }, back with { Children = [] });
        Assert.Equal(node.Children[0], Assert.Single(back.Children));
        var state = RoundTrip(new HistoryDayState { Done = true, Cursor = "b-0421", Points = 12 });
        Assert.Equal((true, "b-0421", 12), (state.Done, state.Cursor, state.Points));
    }
}
