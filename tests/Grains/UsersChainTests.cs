using Cascade.Identity;
using Azure.Data.Tables;
using Cascade.Audit;
using Cascade.Storage.AzureTables;
using Cascade.Tests.Support;

namespace Cascade.Tests.Grains;

/// <summary>
/// The users chain has many senders at once (a morning's sign-ins): on Azure Table storage,
/// whose appends wait a group-commit window, the chain's grain must gather what arrives
/// meanwhile into one append, not give each sender a window of its own.
/// </summary>
public sealed class UsersChainTests(AzureTableGrainCluster cluster) : IClassFixture<AzureTableGrainCluster>
{
    [Fact]
    public async Task Many_sign_ins_at_once_share_a_few_appends_and_each_is_in_the_chain_once()
    {
        var chain = cluster.Grains.GetGrain<IAuditChainGrain>(AuditChains.Users);
        var drafts = Enumerable.Range(0, 40)
            .Select(i => AuditDraft.Create(AuditChains.Users, GrainCluster.Start, $"person{i}", AuditActions.SignIn, null, null, null, IdentitySnapshots.SignIn("127.0.0.1")))
            .ToList();

        // Every sender at once, and a few of them twice (a redelivery racing its first delivery).
        await Task.WhenAll(drafts.Select(d => chain.Append([d], redelivered: false))
            .Concat(drafts.Take(5).Select(d => chain.Append([d], redelivered: true))));

        var trail = new TableClient(cluster.ConnectionString, cluster.TablePrefix + AzureTables.AuditTrail);
        var transactions = 0;
        var entries = new List<string>();
        await foreach (var row in trail.QueryAsync<TableEntity>(AuditEntities.Range(AuditEntities.Shard(AuditChains.Users), AuditEntities.Appended)))
            transactions++;
        await foreach (var row in trail.QueryAsync<TableEntity>(AuditEntities.Range(AuditEntities.Shard(AuditChains.Users), AuditEntities.Bundles)))
            entries.AddRange(AuditEntities.FromBundle(row).Where(e => e.Chain == AuditChains.Users).Select(e => e.Actor));
        Assert.Equal(drafts.Select(d => d.Actor).Order(), entries.Order());
        Assert.InRange(transactions, 1, 4);
    }
}
