using System.Globalization;
using Azure.Data.Tables;
using Cascade.Audit;

namespace Cascade.Storage;

/// <summary>
/// How the audit trail sits in Azure Tables: one table, one partition per shard of the chains
/// (<see cref="Shards"/>), so a node can write the entries of many chains in one entity group
/// transaction. A chain's rows all sit in its shard's partition, told apart by the start of the
/// row key:
/// <list type="bullet">
/// <item><c>c!{chain}!{seq}</c>: an entry, the seq zero-padded, so a chain's entries sort in
/// seq order and chains in ordinal order of their names ('!' sorts before every character of
/// a chain's name).</item>
/// <item><c>p!{newest time inverted}!{id}</c>: a page of the time index, one per transaction
/// and minute: the time, chain and seq of each entry it stored in that minute, so
/// <c>GET /audit?from=&amp;to=</c> reads pages newest first. A page and not a row per entry:
/// Azurite's work, and the account's entity rate, go by rows.</item>
/// <item><c>r!{chain}!{ref}</c>: the seq of the entry that carries a ref.</item>
/// <item><c>a!{id}</c>: one per transaction, the newest seq and hash it stored of each chain:
/// what the checkpoint pass reads, then deletes.</item>
/// <item><c>k!{chain}</c>: the chain's newest checkpoint.</item>
/// </list>
/// Before and after are split over properties of at most 32K characters (the service's limit
/// for one string).
/// </summary>
internal static class AuditEntities
{
    private const int MaxChars = 32 * 1024;
    public const int Shards = 16;
    /// <summary>Sorts after every character of a seq, an inverted time or a name: the end of a prefix's range.</summary>
    public const string End = "~";
    public const string Appended = "a!";
    public const string Checkpoints = "k!";
    public const string Entries = "c!";
    public const string Pages = "p!";

    public static string SeqKey(long seq) => seq.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The start of a chain's entry rows; the chain's range ends at this plus <see cref="End"/>.</summary>
    public static string ChainKey(string chain) => $"{Entries}{chain}!";

    public static string EntryKey(string chain, long seq) => ChainKey(chain) + SeqKey(seq);

    public static string RefKey(string chain, string reference) => $"r!{chain}!{reference}";

    public static string CheckpointKey(string chain) => Checkpoints + chain;

    /// <summary>A stable shard of a chain (not <c>string.GetHashCode</c>, which differs per process): its partition.</summary>
    public static string Shard(string chain)
    {
        var hash = 2166136261u;
        foreach (var c in chain) hash = (hash ^ c) * 16777619u;
        return (hash % Shards).ToString("x", CultureInfo.InvariantCulture);
    }

    public static IEnumerable<string> AllShards => Enumerable.Range(0, Shards).Select(s => s.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>The rows of <paramref name="shard"/> whose key starts with <paramref name="prefix"/>.</summary>
    public static string Range(string shard, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {prefix} and RowKey lt {prefix + End}");

    /// <summary>A chain's entries from <paramref name="low"/> to <paramref name="high"/> (to its end when null), those stored beside a seq included.</summary>
    public static string ChainRange(string chain, long low, long? high = null) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {Shard(chain)} and RowKey ge {EntryKey(chain, low)} and RowKey lt {(high is { } h ? EntryKey(chain, h + 1) : ChainKey(chain) + End)}");

    public static long Ticks(string at) =>
        DateTime.ParseExact(at, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;

    public static string Inverted(long value) => (long.MaxValue - value).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The minute an entry's time falls in: a page holds entries of one minute, so none spans more.</summary>
    public static string Minute(string at) => at[..16];

    public static string PageKey(string newestAt) => $"{Pages}{Inverted(Ticks(newestAt))}!{Guid.NewGuid():N}";

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
}
