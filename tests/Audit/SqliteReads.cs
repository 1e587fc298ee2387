using Cascade.Audit;
using Cascade.Storage.Sqlite;

namespace Cascade.Tests.Audit;

/// <summary>The SQLite store (a row per entry, its reads plain SQL) as the yardstick of a shared store's reads of the same trail.</summary>
public static class SqliteReads
{
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
