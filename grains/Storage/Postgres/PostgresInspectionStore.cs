using Cascade.Inspections;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// Inspections in PostgreSQL (tables <c>inspection</c>, <c>inspection_seal</c> and
/// <c>inspection_unit</c>), encoded by <see cref="FrozenCodec"/> as in SQLite, insert only: a row
/// stored already keeps the first. A batch of frozen units is one transaction, so the rows held
/// are whole batches.
/// </summary>
public sealed class PostgresInspectionStore(PostgresDatabase database, FrozenCodec codec) : IInspectionStore
{
    private const string InsertUnit = """
        INSERT INTO inspection_unit (inspection, ord, unit_id, depth, frozen, work) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT DO NOTHING;
        """;

    private const string SelectHeaders = """
        SELECT i.data, s.captured_at FROM inspection i LEFT JOIN inspection_seal s ON s.id = i.id
        """;

    public Task AddHeader(InspectionHeader header) =>
        Execute("INSERT INTO inspection (id, taken_at, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;",
            header.Id, header.TakenAt.UtcTicks, codec.Header(header with { CapturedAt = null }));

    public Task Seal(string inspectionId, DateTimeOffset capturedAt) =>
        Execute("INSERT INTO inspection_seal (id, captured_at) VALUES ($1, $2) ON CONFLICT DO NOTHING;", inspectionId, capturedAt.UtcTicks);

    /// <summary>One statement a unit, all sent together and committed together.</summary>
    public async Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows)
    {
        if (rows.Count == 0) return;
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (unit, work) in rows)
        {
            var insert = new NpgsqlBatchCommand(InsertUnit);
            Bind(insert.Parameters, inspectionId, unit.Order, unit.UnitId, unit.Depth, codec.Row(unit), codec.Work(work));
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async Task<InspectionHeader?> Header(string inspectionId) =>
        (await ReadHeaders($"{SelectHeaders} WHERE i.id = $1;", inspectionId)).FirstOrDefault();

    public Task<IReadOnlyList<InspectionHeader>> Headers() =>
        ReadHeaders($"""{SelectHeaders} ORDER BY i.taken_at DESC, i.id COLLATE "C";""");

    private async Task<IReadOnlyList<InspectionHeader>> ReadHeaders(string sql, params object[] values)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Bind(command.Parameters, values);
        await using var reader = await command.ExecuteReaderAsync();
        var headers = new List<InspectionHeader>();
        while (await reader.ReadAsync())
        {
            var header = codec.Header(reader.GetFieldValue<byte[]>(0));
            headers.Add(reader.IsDBNull(1) ? header : header with { CapturedAt = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero) });
        }
        return headers;
    }

    public async Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT frozen FROM inspection_unit WHERE inspection = $1 AND ord BETWEEN $2 AND $3 AND depth <= $4 ORDER BY ord;", connection);
        Bind(command.Parameters, inspectionId, from, to, maxDepth);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<FrozenUnit>();
        while (await reader.ReadAsync()) rows.Add(codec.Row(reader.GetFieldValue<byte[]>(0)));
        return rows;
    }

    public async Task<FrozenUnit?> Row(string inspectionId, string unitId) =>
        await One(inspectionId, unitId, "frozen") is { } data ? codec.Row(data) : null;

    public async Task<UnitSnapshot?> Work(string inspectionId, string unitId) =>
        await One(inspectionId, unitId, "work") is { } data ? codec.Work(data) : null;

    private async Task<byte[]?> One(string inspectionId, string unitId, string column)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {column} FROM inspection_unit WHERE inspection = $1 AND unit_id = $2;", connection);
        Bind(command.Parameters, inspectionId, unitId);
        return await command.ExecuteScalarAsync() as byte[];
    }

    private async Task Execute(string sql, params object[] values)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Bind(command.Parameters, values);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Positional parameters ($1, $2, ...), typed by their values.</summary>
    private static void Bind(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values) parameters.Add(new NpgsqlParameter { Value = value });
    }
}
