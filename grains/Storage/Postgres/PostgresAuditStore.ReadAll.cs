using Cascade.Audit;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>The whole trail in chain and seq order, for <c>verify</c>: streamed a group of chains at a time.</summary>
public sealed partial class PostgresAuditStore
{
    /// <summary>How many entries' worth of chains <see cref="ReadAllAsync"/> holds at a time (smaller in tests, to cross groups).</summary>
    internal int ReadAllGroup { get; init; } = 20_000;

    /// <summary>Bundles read in one statement.</summary>
    private const int BundlesPerRead = 200;

    /// <summary>
    /// Streamed, never held whole: the runs in chain order, and for each group of chains of about
    /// <see cref="ReadAllGroup"/> entries their bundles, each read once for the group. A chain's
    /// entries stored beside one seq come in the order they were appended.
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync()
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT chain, high - low + 1, bundle FROM audit_run ORDER BY chain, high, bundle;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var chains = new HashSet<string>(StringComparer.Ordinal);
        var bundles = new HashSet<long>();
        var size = 0L;
        string? last = null;
        while (await reader.ReadAsync())
        {
            var chain = reader.GetString(0);
            if (chain != last && size >= ReadAllGroup)
            {
                foreach (var entry in await ReadGroup(chains, bundles)) yield return entry;
                (size, chains, bundles) = (0, new HashSet<string>(StringComparer.Ordinal), []);
            }
            last = chain;
            chains.Add(chain);
            size += reader.GetInt64(1);
            bundles.Add(reader.GetInt64(2));
        }
        foreach (var entry in await ReadGroup(chains, bundles)) yield return entry;
    }

    /// <summary>The entries of <paramref name="chains"/> in <paramref name="bundles"/>, by chain, seq, then the order they were stored in.</summary>
    private async Task<List<AuditEntry>> ReadGroup(HashSet<string> chains, HashSet<long> bundles)
    {
        var found = new List<(AuditEntry Entry, long Bundle, int Index)>();
        if (chains.Count == 0) return [];
        await using var connection = await _database.OpenAsync();
        foreach (var ids in bundles.Order().Chunk(BundlesPerRead))
            foreach (var (id, entries) in await ReadBundles(connection, ids, chains: chains.Contains))
                found.AddRange(entries.Select((e, i) => (e, id, i)).Where(x => chains.Contains(x.e.Chain)));
        return found.OrderBy(x => x.Entry.Chain, StringComparer.Ordinal).ThenBy(x => x.Entry.Seq).ThenBy(x => x.Bundle).ThenBy(x => x.Index)
            .Select(x => x.Entry).ToList();
    }
}
