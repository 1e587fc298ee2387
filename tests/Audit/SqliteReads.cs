using Cascade.Audit;
using Cascade.Identity;
using Cascade.Tests.Support;
using Cascade.Storage.Sqlite;

namespace Cascade.Tests.Audit;

/// <summary>The SQLite store (a row per entry, its reads plain SQL) as the yardstick of a shared store's reads of the same trail.</summary>
public static class SqliteReads
{
    /// <summary>
    /// <paramref name="count"/> linked entries of the given chains, drawn one at a time (the caller
    /// may draw from <paramref name="random"/> between them): each of a random chain, a random
    /// 1 ms to 6 s after the one before or, one time in four, at the same millisecond.
    /// </summary>
    public static IEnumerable<(int Index, int Chain, AuditEntry Entry)> Interleaved(Random random, DateTimeOffset start, IReadOnlyList<string> chains, int count)
    {
        var heads = chains.Select(_ => AuditChainHead.Empty).ToArray();
        var at = start;
        for (var i = 0; i < count; i++)
        {
            at = at.AddMilliseconds(random.Next(4) == 0 ? 0 : random.Next(1, 6000));
            var c = random.Next(chains.Count);
            var entry = heads[c].Link(new AuditDraft(null, chains[c], at, "tester", AuditActions.TaskUpdate, chains[c], "t1",
                IdentitySnapshots.SignIn($"b{i}"), IdentitySnapshots.SignIn($"a{i}")), TestKeys.Sha256);
            heads[c] = AuditChainHead.Of(entry);
            yield return (i, c, entry);
        }
    }

    /// <summary>
    /// The whole-trail read gives SQLite's order exactly, and <paramref name="queries"/> random
    /// queries (by time, bounded or not, and one in <paramref name="unitOneIn"/> by one of
    /// <paramref name="chains"/>) answer what SQLite answers.
    /// </summary>
    public static async Task AssertSameAs(SqliteAuditStore sqlite, IAuditStore store, string name, IReadOnlyList<string> chains,
        Random random, DateTimeOffset start, int queries, int unitOneIn)
    {
        var all = new List<string>();
        await foreach (var e in store.ReadAllAsync()) all.Add($"{e.Chain}/{e.Seq}/{e.Hash}");
        var expectedAll = new List<string>();
        await foreach (var e in sqlite.ReadAllAsync()) expectedAll.Add($"{e.Chain}/{e.Seq}/{e.Hash}");
        Assert.Equal(expectedAll, all);

        for (var q = 0; q < queries; q++)
        {
            DateTimeOffset? from = random.Next(3) == 0 ? null : start.AddSeconds(random.Next(0, 1300));
            DateTimeOffset? to = random.Next(3) == 0 ? null : (from ?? start).AddSeconds(random.Next(0, 700));
            var query = new AuditQuery(random.Next(unitOneIn) == 0 ? chains[random.Next(chains.Count)] : null, from, to, random.Next(1, 150));
            var expected = (await sqlite.QueryAsync(query)).Select(e => $"{e.Chain}/{e.Seq}").ToList();
            var actual = (await store.QueryAsync(query)).Select(e => $"{e.Chain}/{e.Seq}").ToList();
            Assert.True(expected.SequenceEqual(actual), $"{query}: SQLite {string.Join(",", expected)}; {name} {string.Join(",", actual)}");
        }
    }
}
