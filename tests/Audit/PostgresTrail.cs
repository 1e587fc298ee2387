using Cascade.Audit;
using Cascade.Storage.Postgres;
using Npgsql;

namespace Cascade.Tests.Audit;

/// <summary>The <c>audit</c> and <c>audit_checkpoint</c> tables, changed in place as someone with the database's credentials could.</summary>
public sealed class PostgresTrail(PostgresDatabase database) : StoredTrail
{
    public override Task SetActor(string chain, long seq, string actor, string? hash = null) =>
        Execute($"UPDATE audit SET actor = @a{(hash is null ? "" : ", hash = @h")} WHERE chain = @c AND seq = @s",
            ("a", actor), ("h", hash ?? ""), ("c", chain), ("s", seq));

    public override Task ReplaceInAfter(string chain, long seq, string text, string replacement) =>
        Execute("UPDATE audit SET after = replace(after, @t, @r) WHERE chain = @c AND seq = @s", ("t", text), ("r", replacement), ("c", chain), ("s", seq));

    public override Task Delete(string chain, long fromSeq = 1, long? toSeq = null) =>
        Execute("DELETE FROM audit WHERE chain = @c AND seq >= @from AND seq <= @to", ("c", chain), ("from", fromSeq), ("to", toSeq ?? long.MaxValue));

    public override async Task<long> CheckpointSeq(string chain)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM audit_checkpoint WHERE chain = @c", connection);
        command.Parameters.AddWithValue("c", chain);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override Task Replace(AuditEntry e) =>
        Execute("UPDATE audit SET at = @at, actor = @a, action = @action, unit_id = @u, task_id = @t, before = @b, after = @af, prev_hash = @p, hash = @h WHERE chain = @c AND seq = @s",
            ("at", e.At), ("a", e.Actor), ("action", e.Action), ("u", (object?)e.UnitId ?? DBNull.Value), ("t", (object?)e.TaskId ?? DBNull.Value),
            ("b", (object?)e.Before ?? DBNull.Value), ("af", (object?)e.After ?? DBNull.Value), ("p", e.PrevHash), ("h", e.Hash), ("c", e.Chain), ("s", e.Seq));

    public override Task SetCheckpointHash(string chain, long seq, string hash) =>
        Execute("UPDATE audit_checkpoint SET hash = @h, scheme = NULL, mac = NULL, key_id = NULL, signature = NULL WHERE chain = @c AND seq = @s",
            ("h", hash), ("c", chain), ("s", seq));

    public override Task DeleteCheckpoints(string chain, long fromSeq) =>
        Execute("DELETE FROM audit_checkpoint WHERE chain = @c AND seq >= @s", ("c", chain), ("s", fromSeq));

    public override Task AddUnsignedCheckpoint(AuditCheckpoint c) =>
        Execute("INSERT INTO audit_checkpoint (chain, seq, hash, at) VALUES (@c, @s, @h, @at)", ("c", c.Chain), ("s", c.Seq), ("h", c.Hash), ("at", c.At));

    private async Task Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters.Where(p => sql.Contains("@" + p.Name, StringComparison.Ordinal))) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
