using System.Globalization;
using Azure.Data.Tables;
using Cascade.Audit;

namespace Cascade.Storage;

/// <summary>
/// How audit entries sit in Azure Tables. In the chain's partition an entry's row key is its
/// seq, zero-padded so rows sort in chain order; the time index's row key starts with the
/// entry's time inverted, so a partition reads newest first. Before and after are split over
/// properties of at most 32K characters (the service's limit for one string).
/// </summary>
internal static class AuditEntities
{
    private const int MaxChars = 32 * 1024;
    /// <summary>A row key starting with this sorts after every padded seq: the head and ref rows.</summary>
    public const string AfterEntries = ":";
    public const string Head = "head";
    public const int Shards = 16;

    public static string SeqKey(long seq) => seq.ToString("D19", CultureInfo.InvariantCulture);

    public static string RefKey(string reference) => "r." + reference;

    /// <summary>A stable shard of a chain (not <c>string.GetHashCode</c>, which differs per process).</summary>
    public static string Shard(string chain)
    {
        var hash = 2166136261u;
        foreach (var c in chain) hash = (hash ^ c) * 16777619u;
        return (hash % Shards).ToString("x", CultureInfo.InvariantCulture);
    }

    public static IEnumerable<string> AllShards => Enumerable.Range(0, Shards).Select(s => s.ToString("x", CultureInfo.InvariantCulture));

    public static long Ticks(string at) =>
        DateTime.ParseExact(at, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;

    public static string Inverted(long value) => (long.MaxValue - value).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The hour an entry falls in: its time-index partitions and its row in the hours directory.</summary>
    public static string Hour(string at) => at[..13].Replace("-", "").Replace("T", "");

    public static string TimePartition(string hour, string chain) => $"{hour}.{Shard(chain)}";

    public static string TimeKey(AuditEntry e) => $"{Inverted(Ticks(e.At))}.{e.Chain}.{Inverted(e.Seq)}";

    public static TableEntity ToEntity(string partitionKey, string rowKey, AuditEntry e)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Chain"] = e.Chain, ["Seq"] = e.Seq, ["At"] = e.At, ["Actor"] = e.Actor, ["Action"] = e.Action,
            ["PrevHash"] = e.PrevHash, ["Hash"] = e.Hash,
        };
        if (e.UnitId is not null) entity["UnitId"] = e.UnitId;
        if (e.TaskId is not null) entity["TaskId"] = e.TaskId;
        if (e.Ref is not null) entity["Ref"] = e.Ref;
        PutText(entity, "Before", e.Before);
        PutText(entity, "After", e.After);
        return entity;
    }

    public static AuditEntry ToEntry(TableEntity entity) => new(
        entity.GetString("Chain"), entity.GetInt64("Seq")!.Value, entity.GetString("At"), entity.GetString("Actor"),
        entity.GetString("Action"), entity.GetString("UnitId"), entity.GetString("TaskId"),
        GetText(entity, "Before"), GetText(entity, "After"), entity.GetString("PrevHash"), entity.GetString("Hash"),
        entity.GetString("Ref"));

    /// <summary>A rough upper bound of an entity's size on the wire, to keep a transaction under the 4 MB limit.</summary>
    public static int Size(TableEntity entity) =>
        512 + ((IDictionary<string, object>)entity).Values.Sum(v => v is string text ? text.Length * 3 : 16);

    private static void PutText(TableEntity entity, string name, string? text)
    {
        if (text is null) return;
        for (int offset = 0, part = 0; offset < text.Length || part == 0; offset += MaxChars, part++)
            entity[part == 0 ? name : $"{name}{part}"] = text.Substring(offset, Math.Min(MaxChars, text.Length - offset));
    }

    private static string? GetText(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first) return null;
        var part = 1;
        if (entity.GetString($"{name}{part}") is null) return first;
        var text = new System.Text.StringBuilder(first);
        while (entity.GetString($"{name}{part}") is { } next) { text.Append(next); part++; }
        return text.ToString();
    }

    /// <summary>
    /// Submits actions on one partition as entity group transactions of at most 100 actions and
    /// about 3 MB each: each transaction is all or nothing, and they go in order, so a failure
    /// leaves a prefix stored, which a redelivery completes.
    /// </summary>
    public static async Task Submit(TableClient table, IEnumerable<TableTransactionAction> actions, Func<IReadOnlyList<TableTransactionAction>, TableTransactionAction?>? closing = null)
    {
        var batch = new List<TableTransactionAction>();
        var size = 0;
        foreach (var action in actions)
        {
            var actionSize = Size((TableEntity)action.Entity);
            if (batch.Count > 0 && (batch.Count >= 99 || size + actionSize > 3_000_000))
            {
                await Flush();
                size = 0;
            }
            batch.Add(action);
            size += actionSize;
        }
        if (batch.Count > 0) await Flush();

        async Task Flush()
        {
            if (closing?.Invoke(batch) is { } last) batch.Add(last);
            await table.SubmitTransactionAsync(batch);
            batch = [];
        }
    }
}
