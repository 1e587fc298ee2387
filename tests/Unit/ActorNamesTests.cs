using Cascade.Text;

namespace Cascade.Tests.Unit;

/// <summary>What screens show for whoever made a change: the stored display name, "系统" for the system, else the username.</summary>
public sealed class ActorNamesTests
{
    [Theory]
    [InlineData("bgs-secretary", "办公室党支部书记", "办公室党支部书记")]
    [InlineData("system", null, "系统")]
    [InlineData(null, null, "系统")]
    [InlineData("bgs-secretary", null, "bgs-secretary")] // written before names were kept, until its next write
    public void A_change_shows_a_name(string? by, string? stored, string shown) => Assert.Equal(shown, ActorNames.Of(by, stored));
}
