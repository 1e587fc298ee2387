using Cascade.Audit;
using Cascade.Storage;
using Cascade.Storage.Postgres;
using Npgsql;

namespace Cascade.Tests.Audit;

/// <summary>
/// A chain's entries in <c>audit_bundle</c> (packed beside other chains' entries, found through the
/// chain's rows in <c>audit_run</c>) and its checkpoints in <c>audit_checkpoint</c>, changed in
/// place as someone with the database's credentials could.
/// </summary>
public sealed class PostgresTrail(PostgresDatabase database) : StoredTrail
{
    public override Task SetActor(string chain, long seq, string actor, string? hash = null) =>
        Edit(chain, seq, seq, e => e with { Actor = actor, Hash = hash ?? e.Hash });

    public override Task ReplaceInAfter(string chain, long seq, string text, string replacement) =>
        Edit(chain, seq, seq, e => e with { After = e.After!.Replace(text, replacement) });

    public override Task Delete(string chain, long fromSeq = 1, long? toSeq = null) =>
        Edit(chain, fromSeq, toSeq ?? long.MaxValue, _ => null);

    public override async Task<long> CheckpointSeq(string chain)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM audit_checkpoint WHERE chain = @c", connection);
        command.Parameters.AddWithValue("c", chain);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override Task Replace(AuditEntry entry) => Edit(entry.Chain, entry.Seq, entry.Seq, _ => entry);

    public override Task SetCheckpointHash(string chain, long seq, string hash) =>
        Execute("UPDATE audit_checkpoint SET hash = @h, scheme = NULL, mac = NULL, key_id = NULL, signature = NULL WHERE chain = @c AND seq = @s",
            ("h", hash), ("c", chain), ("s", seq));

    public override Task DeleteCheckpoints(string chain, long fromSeq) =>
        Execute("DELETE FROM audit_checkpoint WHERE chain = @c AND seq >= @s", ("c", chain), ("s", fromSeq));

    public override Task AddUnsignedCheckpoint(AuditCheckpoint c) =>
        Execute("INSERT INTO audit_checkpoint (chain, seq, hash, at) VALUES (@c, @s, @h, @at)", ("c", c.Chain), ("s", c.Seq), ("h", c.Hash), ("at", c.At));

    /// <summary>Rewrites every bundle holding the chain's entries from <paramref name="low"/> to <paramref name="high"/>: each changed, or dropped when null.</summary>
    private async Task Edit(string chain, long low, long high, Func<AuditEntry, AuditEntry?> change)
    {
        var bundles = new List<(long Id, List<AuditEntry> Entries)>();
        await using var connection = await database.OpenAsync();
        await using (var read = new NpgsqlCommand("SELECT id, entries FROM audit_bundle WHERE id IN (SELECT bundle FROM audit_run WHERE chain = @c) ORDER BY id", connection))
        {
            read.Parameters.AddWithValue("c", chain);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) bundles.Add((reader.GetInt64(0), AuditBundles.Unpack(reader.GetFieldValue<byte[]>(1))));
        }
        foreach (var (id, entries) in bundles)
        {
            if (!entries.Any(e => e.Chain == chain && e.Seq >= low && e.Seq <= high)) continue;
            var kept = entries.Select(e => e.Chain == chain && e.Seq >= low && e.Seq <= high ? change(e) : e).OfType<AuditEntry>().ToList();
            await using var write = new NpgsqlCommand("UPDATE audit_bundle SET entries = @e WHERE id = @id", connection);
            write.Parameters.AddWithValue("e", AuditBundles.Pack(kept).ToArray());
            write.Parameters.AddWithValue("id", id);
            await write.ExecuteNonQueryAsync();
        }
    }

    private async Task Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters.Where(p => sql.Contains("@" + p.Name, StringComparison.Ordinal))) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
