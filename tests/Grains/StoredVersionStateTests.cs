using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.Grains;

/// <summary>The stored forms that keep versions from going back (decision 009) read back what was written.</summary>
public sealed class StoredVersionStateTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    [Fact]
    public void A_units_high_water_mark_and_the_clusters_version_ceiling_read_back_as_stored()
    {
        var serializer = cluster.SiloServices.GetRequiredService<Serializer>();
        var unit = serializer.Deserialize<UnitState>(serializer.SerializeToArray(new UnitState { HighWater = 1_796_544_065_000_000 }));
        Assert.Equal(1_796_544_065_000_000, unit!.HighWater);
        var lease = serializer.Deserialize<VersionLeaseState>(serializer.SerializeToArray(new VersionLeaseState { Ceiling = 1_796_544_365_000_000 }));
        Assert.Equal(1_796_544_365_000_000, lease!.Ceiling);
    }
}
