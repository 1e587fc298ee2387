using Cascade.Audit;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>Reads of the trail: a chain's head and refs, queries by unit (through the chain's runs) and by time (through the bundles).</summary>
public sealed partial class PostgresAuditStore
{
    /// <summary>Runs, or bundles, a query reads at a time before it looks whether it has enough (smaller in tests, to cross pages).</summary>
    internal int QueryPage { get; init; } = 100;

    /// <summary>The entry with a ref of the highest seq (the runs name the highest seq with a ref in each bundle).</summary>
    public async Task<AuditEntry?> GetHeadAsync(string chain)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT bundle FROM audit_run
            WHERE chain = $1 AND keyed = (SELECT max(keyed) FROM audit_run WHERE chain = $1 AND keyed IS NOT NULL)
            ORDER BY bundle;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = chain });
        var bundles = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) bundles.Add(reader.GetInt64(0));
        if (bundles.Count == 0) return null;
        return (await ReadBundles(connection, bundles, chains: c => c == chain)).SelectMany(b => b.Entries)
            .Where(e => e.Chain == chain && e.Ref is not null).MaxBy(e => e.Seq);
    }

    public async Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (refs.Count == 0) return found;
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT ref FROM audit_ref WHERE chain = $1 AND ref = ANY($2);", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = chain });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. refs] });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add(reader.GetString(0));
        return found;
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        if (query.Limit <= 0) return [];
        var from = query.From is { } f ? AuditEntry.FormatTime(f) : null;
        var to = query.To is { } t ? AuditEntry.FormatTime(t) : null;
        await using var connection = await _database.OpenAsync();
        var found = query.UnitId is { } unit
            ? await QueryChain(connection, unit, from, to, query.Limit)
            : await QueryTime(connection, from, to, query.Limit);
        return Distinct(found).OrderByDescending(e => e.At, StringComparer.Ordinal).ThenByDescending(e => e.Chain, StringComparer.Ordinal)
            .ThenByDescending(e => e.Seq).Take(query.Limit).ToList();
    }

    private static bool Within(AuditEntry e, string? from, string? to) =>
        (from is null || string.CompareOrdinal(e.At, from) >= 0) && (to is null || string.CompareOrdinal(e.At, to) <= 0);

    /// <summary>An entry is one chain, seq, time and hash: should it be in two bundles, it is read once.</summary>
    private static IEnumerable<AuditEntry> Distinct(IEnumerable<AuditEntry> entries) => entries.DistinctBy(e => (e.Chain, e.Seq, e.At, e.Hash));

    /// <summary>
    /// A unit's entries are its chain: its runs newest first, a page at a time, until the limit is
    /// reached or a whole page is older than <paramref name="from"/> (a chain's entries are in time order;
    /// a page whose bundles were all read already says nothing).
    /// </summary>
    private async Task<List<AuditEntry>> QueryChain(NpgsqlConnection connection, string chain, string? from, string? to, int limit)
    {
        var found = new List<AuditEntry>();
        var read = new HashSet<long>();
        var (high, bundle) = (long.MaxValue, long.MaxValue);
        var page = QueryPage;
        while (true)
        {
            var runs = new List<(long High, long Bundle)>();
            await using (var command = new NpgsqlCommand(
                "SELECT high, bundle FROM audit_run WHERE chain = $1 AND (high, bundle) < ($2, $3) ORDER BY high DESC, bundle DESC LIMIT $4;", connection))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = chain });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = high });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bundle });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = page });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) runs.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
            if (runs.Count == 0) break;
            var entries = (await ReadBundles(connection, runs.Select(r => r.Bundle).Where(read.Add), chains: c => c == chain))
                .SelectMany(b => b.Entries).Where(e => e.Chain == chain).ToList();
            found.AddRange(entries.Where(e => e.UnitId == chain && Within(e, from, to)));
            if (found.Count >= limit || runs.Count < page || from is not null && entries.Count > 0 && entries.All(e => string.CompareOrdinal(e.At, from) < 0)) break;
            (high, bundle) = runs[^1];
        }
        return found;
    }

    /// <summary>
    /// The whole trail by time: bundles by their newest entry, newest first, until the limit is
    /// reached by entries newer than every later bundle (and the rest of their millisecond, so
    /// ties are ordered as SQLite orders them). A bundle whose oldest entry is after
    /// <paramref name="to"/>, or whose newest is before <paramref name="from"/>, holds none of them.
    /// </summary>
    private async Task<List<AuditEntry>> QueryTime(NpgsqlConnection connection, string? from, string? to, int limit)
    {
        var found = new List<AuditEntry>();
        (string Newest, long Id)? after = null;
        while (true)
        {
            var bundles = new List<(long Id, string Newest)>();
            await using (var command = new NpgsqlCommand { Connection = connection })
            {
                var where = new List<string>();
                if (after is { } last) where.Add($"(newest, id) < ({Bind(command, last.Newest)}, {Bind(command, last.Id)})");
                if (from is not null) where.Add($"newest >= {Bind(command, from)}");
                if (to is not null) where.Add($"oldest <= {Bind(command, to)}");
                command.CommandText = $"SELECT id, newest FROM audit_bundle {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} " +
                                      $"ORDER BY newest DESC, id DESC LIMIT {QueryPage};";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) bundles.Add((reader.GetInt64(0), reader.GetString(1)));
            }
            if (bundles.Count == 0) break;
            var threshold = found.Count >= limit ? found[limit - 1].At : null;
            var wanted = bundles.TakeWhile(b => threshold is null || string.CompareOrdinal(b.Newest, threshold) >= 0).ToList();
            foreach (var (_, entries) in await ReadBundles(connection, wanted.Select(b => b.Id)))
                found.AddRange(entries.Where(e => Within(e, from, to)));
            if (found.Count >= limit)
            {
                found.Sort((x, y) => string.CompareOrdinal(y.At, x.At));
                var cut = found[limit - 1].At;
                found.RemoveAll(e => string.CompareOrdinal(e.At, cut) < 0);
                if (string.CompareOrdinal(bundles[^1].Newest, cut) < 0) break;
            }
            if (wanted.Count < bundles.Count || bundles.Count < QueryPage) break;
            after = (bundles[^1].Newest, bundles[^1].Id);
        }
        return found;
    }

    /// <summary>The bundles of the given ids that exist, unpacked (only the entries of the chains <paramref name="chains"/> accepts, when given), in id order.</summary>
    private static async Task<List<(long Id, List<AuditEntry> Entries)>> ReadBundles(
        NpgsqlConnection connection, IEnumerable<long> ids, NpgsqlTransaction? transaction = null, Func<string, bool>? chains = null)
    {
        var wanted = ids.Distinct().ToArray();
        var bundles = new List<(long, List<AuditEntry>)>();
        if (wanted.Length == 0) return bundles;
        await using var command = new NpgsqlCommand("SELECT id, entries FROM audit_bundle WHERE id = ANY($1) ORDER BY id;", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = wanted });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var packed = reader.GetFieldValue<byte[]>(1);
            bundles.Add((reader.GetInt64(0), chains is null ? AuditBundles.Unpack(packed) : AuditBundles.Unpack(packed, chains)));
        }
        return bundles;
    }
}
