using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>A grain state written or (<see cref="Data"/> null) deleted if its etag still matches.</summary>
internal sealed class GrainStateWrite(string id, long? expectedEtag, long newEtag, byte[]? data) : SqliteWrite
{
    private const string Insert = "INSERT INTO grain_state(id, etag, data) VALUES ($id, $etag, $data) ON CONFLICT(id) DO NOTHING;";
    private const string Update = "UPDATE grain_state SET etag = $etag, data = $data WHERE id = $id AND etag = $expected;";
    private const string Delete = "DELETE FROM grain_state WHERE id = $id AND etag = $expected;";

    public byte[]? Data => data;

    public override string Kind => "grainState";

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        var sql = data is null ? command(Delete, transaction) : expectedEtag is null ? command(Insert, transaction) : command(Update, transaction);
        sql.Bind("$id", id);
        if (data is null || expectedEtag is not null) sql.Bind("$expected", expectedEtag ?? 0);
        if (data is not null)
        {
            sql.Bind("$etag", newEtag);
            sql.Bind("$data", data);
        }
        // A delete of a row that is already gone counts as done.
        return sql.ExecuteNonQuery() == 1 || data is null && expectedEtag is null;
    }
}
