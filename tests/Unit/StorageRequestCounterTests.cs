using Cascade.Storage.AzureTables;

namespace Cascade.Tests.Unit;

public sealed class StorageRequestCounterTests
{
    [Theory]
    [InlineData("/devstoreaccount1/cascadeGrainState(PartitionKey='a',RowKey='b')", "GrainState")]
    [InlineData("/devstoreaccount1/cascadeAuditTrail()", "AuditTrail")]
    [InlineData("/cascadeKeys", "Keys")]
    [InlineData("/devstoreaccount1/$batch", "$batch")]
    [InlineData("/devstoreaccount1/Tables", "Tables")]
    [InlineData("/devstoreaccount1/othertable", "othertable")]
    public void Names_the_table_without_the_prefix(string path, string table) =>
        Assert.Equal(table, StorageRequestCounter.TableOf(path, "cascade"));
}
