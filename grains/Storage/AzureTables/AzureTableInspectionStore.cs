using Azure;
using Azure.Data.Tables;
using Cascade.Inspections;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// Inspections in Azure Table Storage (<c>{prefix}Inspections</c>), encoded by <see cref="FrozenCodec"/>
/// as in SQLite, insert only (every write is an Add; one that finds its row stored keeps that row):
/// <list type="bullet">
/// <item>Partition <c>!index</c> (before every id, which are <c>[a-z0-9-]</c>): <c>h!{id}</c>, the
/// header, and <c>s!{id}</c>, the seal with <c>capturedAt</c>; the list is one partition read.</item>
/// <item>Partition <c>{id}</c>, two rows per frozen unit written in the same entity group
/// transaction: <c>o{order:D8}</c> with its depth and row (a subtree is one range of keys, read
/// without tasks), and <c>u!{unitId}</c> with its row and its compressed tasks and alerts in binary
/// properties of 64,000 bytes (<see cref="BinaryParts"/>). A unit whose tasks outgrow one entity puts
/// the rest in rows <c>w!{unitId}!{n}</c>, stored before the transaction that makes it visible.</item>
/// </list>
/// </summary>
public sealed partial class AzureTableInspectionStore(AzureTables tables, FrozenCodec codec) : IInspectionStore
{
    public const string Index = "!index";
    private const int MaxActions = 100;
    /// <summary>A transaction's binary bytes: under the service's 4 MiB once base64 in the request.</summary>
    private const int MaxBatchBytes = 2_400_000;
    /// <summary>The unit row's parts: one part's room left for its row and keys.</summary>
    private const int MainParts = BinaryParts.MaxPerEntity - 1;

    private Task<TableClient> Table() => tables.Table(AzureTables.Inspections);

    public static string OrderKey(int order) => "o" + order.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static string UnitKey(string unitId) => "u!" + unitId;

    public static string OverflowKey(string unitId, int n) => $"w!{unitId}!{n:D4}";

    public async Task AddHeader(InspectionHeader header) =>
        await InsertOnce(await Table(), new TableEntity(Index, "h!" + header.Id) { ["H"] = codec.Header(header with { CapturedAt = null }) });

    public async Task Seal(string inspectionId, DateTimeOffset capturedAt) =>
        await InsertOnce(await Table(), new TableEntity(Index, "s!" + inspectionId) { ["CapturedAt"] = capturedAt.UtcTicks });

    public async Task<InspectionHeader?> Header(string inspectionId)
    {
        var table = await Table();
        var header = table.GetEntityIfExistsAsync<TableEntity>(Index, "h!" + inspectionId);
        var seal = table.GetEntityIfExistsAsync<TableEntity>(Index, "s!" + inspectionId);
        return (await header).HasValue ? Sealed(codec.Header((await header).Value!.GetBinary("H")), (await seal).HasValue ? (await seal).Value : null) : null;
    }

    public async Task<IReadOnlyList<InspectionHeader>> Headers()
    {
        var table = await Table();
        var headers = new List<InspectionHeader>();
        var seals = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Index}")))
            if (row.RowKey.StartsWith("h!", StringComparison.Ordinal)) headers.Add(codec.Header(row.GetBinary("H")));
            else if (row.RowKey.StartsWith("s!", StringComparison.Ordinal)) seals[row.RowKey[2..]] = row;
        return [.. headers.Select(h => Sealed(h, seals.GetValueOrDefault(h.Id)))
            .OrderByDescending(h => h.TakenAt).ThenBy(h => h.Id, StringComparer.Ordinal)];
    }

    private static InspectionHeader Sealed(InspectionHeader header, TableEntity? seal) =>
        seal?.GetInt64("CapturedAt") is { } ticks ? header with { CapturedAt = new DateTimeOffset(ticks, TimeSpan.Zero) } : header;

    public async Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth)
    {
        if (to < from) return [];
        var table = await Table();
        var (low, high) = (OrderKey(from), OrderKey(to));
        var rows = new List<FrozenUnit>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {inspectionId} and RowKey ge {low} and RowKey le {high} and Depth le {maxDepth}"), select: ["R"]))
            rows.Add(codec.Row(row.GetBinary("R")));
        return rows;
    }

    public async Task<FrozenUnit?> Row(string inspectionId, string unitId)
    {
        var row = await (await Table()).GetEntityIfExistsAsync<TableEntity>(inspectionId, UnitKey(unitId), ["R"]);
        return row.HasValue ? codec.Row(row.Value!.GetBinary("R")) : null;
    }

    public async Task<UnitSnapshot?> Work(string inspectionId, string unitId)
    {
        var table = await Table();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(inspectionId, UnitKey(unitId));
        if (!row.HasValue) return null;
        using var data = new MemoryStream();
        BinaryParts.Get(row.Value!, "W", data);
        var overflow = row.Value!.GetInt32("Overflow") ?? 0;
        if (overflow > 0)
        {
            var (low, high) = (OverflowKey(unitId, 1), OverflowKey(unitId, overflow));
            await foreach (var part in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {inspectionId} and RowKey ge {low} and RowKey le {high}")))
                BinaryParts.Get(part, "W", data);
        }
        return codec.Work(data.ToArray());
    }

    /// <summary>An insert that finds its row stored (a retry, or a capture resumed) leaves that row as it is.</summary>
    private static async Task InsertOnce(TableClient table, TableEntity entity)
    {
        try
        {
            await table.AddEntityAsync(entity);
        }
        catch (RequestFailedException stored) when (stored.Status == 409) { }
    }
}
