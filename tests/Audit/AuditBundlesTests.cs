using Cascade.Audit;
using Cascade.Identity;
using Cascade.Storage;
using Cascade.Tests.Support;

namespace Cascade.Tests.Audit;

/// <summary>The bundle codec both shared stores use: entries come back exactly, in order, all of them or only those of the chains asked for.</summary>
public sealed class AuditBundlesTests
{
    private static List<AuditEntry> Entries()
    {
        var heads = new Dictionary<string, AuditChainHead>();
        var entries = new List<AuditEntry>();
        foreach (var (chain, i) in new[] { "a", "b", "a", "c\"quoted\"", "b", "a" }.Select((c, i) => (c, i)))
        {
            var head = heads.GetValueOrDefault(chain, AuditChainHead.Empty);
            var entry = head.Link(new AuditDraft(i == 3 ? "ref-3" : null, chain, GrainCluster.Start.AddSeconds(i), "管理员", AuditActions.TaskUpdate, chain, "t1",
                i == 0 ? null : IdentitySnapshots.SignIn($"before {i}"), IdentitySnapshots.SignIn($"after {i} 办公室党支部")), TestKeys.Sha256);
            heads[chain] = AuditChainHead.Of(entry);
            entries.Add(entry);
        }
        return entries;
    }

    [Fact]
    public void Entries_come_back_exactly_and_in_order()
    {
        var entries = Entries();

        var packed = AuditBundles.Pack(entries).ToArray();

        Assert.Equal(entries, AuditBundles.Unpack(packed));
        Assert.Equal(entries, AuditBundles.Unpack(packed, _ => true));
    }

    [Fact]
    public void Only_the_chains_asked_for_come_back_in_order_and_whole()
    {
        var entries = Entries();
        var packed = AuditBundles.Pack(entries).ToArray();

        Assert.Equal(entries.Where(e => e.Chain == "a"), AuditBundles.Unpack(packed, c => c == "a"));
        Assert.Equal(entries.Where(e => e.Chain is "b" or "c\"quoted\""), AuditBundles.Unpack(packed, c => c is "b" or "c\"quoted\""));
        Assert.Empty(AuditBundles.Unpack(packed, _ => false));
        Assert.Empty(AuditBundles.Unpack(AuditBundles.Pack([]).ToArray(), _ => true));
    }
}
