using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Grains;

/// <summary>
/// The cluster's version ceiling (decision 009): activations that arrive together share its
/// writes, each starts above the ceiling stored before it, and a later activation starts at or
/// above every ceiling an earlier one was answered.
/// </summary>
public sealed class VersionLeaseTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    [Fact]
    public async Task Activations_arriving_together_share_writes_and_each_is_reserved_above_the_ceiling_it_started_from()
    {
        var lease = cluster.Grains.GetGrain<IVersionLeaseGrain>(0);
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => lease.Activate(Now + i)));

        Assert.All(answers, a => Assert.True(a.Ceiling >= a.Before + VersionLeaseGrain.Steps, $"reserved {a.Ceiling} above {a.Before}"));
        // Shared: far fewer ceilings than activations (a few on a quiet machine; how many calls a
        // write catches depends on how close together the calls arrive, so a loaded machine gets more).
        var writes = answers.Select(a => a.Ceiling).Distinct().Count();
        Assert.True(writes <= 100, $"the 200 activations shared writes: {writes} ceilings");

        var later = await lease.Activate(Now);
        Assert.True(later.Before >= answers.Max(a => a.Ceiling), "a later activation starts at or above every ceiling answered before it");
        Assert.True(await lease.Raise(later.Ceiling + 5) >= later.Ceiling + 5);
    }
}
