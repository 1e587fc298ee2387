using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Cascade.Audit;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// How the audit trail sits in Azure Tables: one table, one partition per shard of the chains
/// (<see cref="Shards"/>), so a node can write the entries of many chains in one entity group
/// transaction. A chain's rows all sit in its shard's partition, told apart by the start of the
/// row key:
/// <list type="bullet">
/// <item><c>b!{newest time inverted}!{id}</c>: a bundle, the entries one transaction stored of
/// one minute, whichever chains they belong to, compressed in one row. Azurite's work, and the
/// account's entity rate, go by rows, not bytes: one row per transaction instead of one per
/// entry. Newest first, so <c>GET /audit?from=&amp;to=</c> reads bundles as a time index; one
/// minute each, so a bundle newer than a minute after <c>to</c> holds nothing up to it.</item>
/// <item><c>a!{id}</c>: one per transaction, a line for each chain in each of its bundles
/// (<see cref="Run"/>): what the checkpoint pass reads, indexes, then deletes.</item>
/// <item><c>x!{chain}!{highest seq inverted}!{id}</c>: the chain's index, written by the
/// checkpoint pass: which bundles hold which of its seqs, newest first.</item>
/// <item><c>k!{chain}</c>: the chain's newest checkpoint, signed. Each pass's index row of the
/// chain carries the checkpoint that pass made too (<see cref="PutCheckpoint"/> with a prefix), so
/// every checkpoint is kept without a row of its own.</item>
/// <item><c>s!{chain}</c>: the signed seal of the chain's plain-SHA-256 entries, written once at
/// the first start with the audit key.</item>
/// <item><c>r!{chain}!{ref}</c>: the seq of the entry that carries a ref.</item>
/// </list>
/// A chain's entries are thus found through its index rows and the transactions the pass has not
/// indexed yet (at most a checkpoint period of them). Long text is split over properties of at
/// most 32K characters, bytes over properties of at most 64 KB (the service's limits).
/// </summary>
internal static class AuditEntities
{
    private const int MaxChars = 32 * 1024;
    private const int MaxBinary = 64_000;
    public const int Shards = 4;
    /// <summary>Sorts after every character of a seq, an inverted time or a name: the end of a prefix's range.</summary>
    public const string End = "~";
    public const string Appended = "a!";
    public const string Bundles = "b!";
    public const string Checkpoints = "k!";
    public const string Seals = "s!";
    /// <summary>The prefix of the checkpoint's properties in an index row.</summary>
    public const string IndexCheckpoint = "C";
    public const string Indexes = "x!";
    /// <summary>A bundle's entries before compression: far under the service's 1 MB per row once compressed, even as base64.</summary>
    public const int MaxBundleBytes = AuditBundles.MaxBytes;

    public static string RefKey(string chain, string reference) => $"r!{chain}!{reference}";

    public static string CheckpointKey(string chain) => Checkpoints + chain;

    public static string SealKey(string chain) => Seals + chain;

    /// <summary>A checkpoint's fields as properties whose names start with <paramref name="prefix"/>.</summary>
    public static void PutCheckpoint(TableEntity entity, AuditCheckpoint c, string prefix = "")
    {
        entity[prefix + "Chain"] = c.Chain;
        entity[prefix + "Seq"] = c.Seq;
        entity[prefix + "Hash"] = c.Hash;
        entity[prefix + "At"] = c.At;
        entity[prefix + "Scheme"] = c.Scheme;
        entity[prefix + "Mac"] = c.Mac;
        entity[prefix + "KeyId"] = c.KeyId;
        entity[prefix + "Signature"] = c.Signature;
    }

    /// <summary>Null for an index row written before checkpoints were kept in them.</summary>
    public static AuditCheckpoint? GetCheckpoint(TableEntity e, string prefix = "") =>
        e.GetInt64(prefix + "Seq") is { } seq
            ? new AuditCheckpoint(e.GetString(prefix + "Chain"), seq, e.GetString(prefix + "Hash"), e.GetString(prefix + "At"),
                e.GetString(prefix + "Scheme"), e.GetString(prefix + "Mac"), e.GetString(prefix + "KeyId"), e.GetString(prefix + "Signature"))
            : null;

    /// <summary>The properties <see cref="GetCheckpoint"/> reads.</summary>
    public static string[] CheckpointProperties(string prefix = "") =>
        [.. new[] { "Chain", "Seq", "Hash", "At", "Scheme", "Mac", "KeyId", "Signature" }.Select(p => prefix + p)];

    /// <summary>The start of a chain's index rows; the range ends at this plus <see cref="End"/>.</summary>
    public static string IndexKey(string chain) => $"{Indexes}{chain}!";

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

    /// <summary>A chain's index rows that name a seq of <paramref name="low"/> or above (they are keyed by their highest seq, inverted).</summary>
    public static string IndexFrom(string chain, long low) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {Shard(chain)} and RowKey ge {IndexKey(chain)} and RowKey lt {IndexKey(chain) + Inverted(low) + End}");

    public static long Ticks(string at) =>
        DateTime.ParseExact(at, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;

    public static string Inverted(long value) => (long.MaxValue - value).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The minute an entry's time falls in: a bundle holds entries of one minute, so none spans more.</summary>
    public static string Minute(string at) => at[..16];

    public static string BundleKey(string newestAt) => $"{Bundles}{Inverted(Ticks(newestAt))}!{Guid.NewGuid():N}";

    public static string NewIndexKey(string chain, long high) => $"{IndexKey(chain)}{Inverted(high)}!{Guid.NewGuid():N}";

    /// <summary>A rough upper bound of an entry's size as JSON in UTF-8.</summary>
    public static int Size(AuditEntry e) => AuditBundles.Size(e);

    public static TableEntity ToBundle(string shard, string key, IReadOnlyCollection<AuditEntry> entries)
    {
        var entity = new TableEntity(shard, key) { ["Newest"] = entries.Select(e => e.At).Max(StringComparer.Ordinal)! };
        var bytes = AuditBundles.Pack(entries);
        for (int offset = 0, part = 0; offset < bytes.Length; offset += MaxBinary, part++)
            entity[part == 0 ? "Entries" : $"Entries{part}"] = bytes.Slice(offset, Math.Min(MaxBinary, bytes.Length - offset)).ToArray();
        return entity;
    }

    public static List<AuditEntry> FromBundle(TableEntity bundle)
    {
        var packed = new MemoryStream();
        for (var part = 0; bundle.GetBinary(part == 0 ? "Entries" : $"Entries{part}") is { } bytes; part++)
            packed.Write(bytes);
        packed.Position = 0;
        return AuditBundles.Unpack(packed);
    }

    public static void PutText(TableEntity entity, string name, string? text)
    {
        if (text is null) return;
        for (int offset = 0, part = 0; offset < text.Length || part == 0; offset += MaxChars, part++)
            entity[part == 0 ? name : $"{name}{part}"] = text.Substring(offset, Math.Min(MaxChars, text.Length - offset));
    }

    public static string? GetText(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first) return null;
        var part = 1;
        if (entity.GetString($"{name}{part}") is null) return first;
        var text = new StringBuilder(first);
        while (entity.GetString($"{name}{part}") is { } next) { text.Append(next); part++; }
        return text.ToString();
    }

    /// <summary>
    /// Where some of a chain's entries are: seqs <see cref="Low"/> to <see cref="High"/> of it in
    /// the bundle <see cref="Bundle"/>. <see cref="Hash"/> is that of entry <see cref="High"/>, or
    /// null for entries stored beside one of the same seq (a redelivery with another time), which
    /// are kept for <c>verify</c> to report and are no chain's head.
    /// </summary>
    public sealed record Run(string Chain, long Low, long High, string? Hash, string Bundle)
    {
        public bool Overlaps(long low, long high) => Low <= high && High >= low;

        public string Line => $"{Chain} {Low} {High} {Hash ?? "-"} {Bundle}";

        public static Run Parse(string line)
        {
            var parts = line.Split(' ');
            return new Run(parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture),
                parts[3] == "-" ? null : parts[3], parts[4]);
        }

        public static IEnumerable<Run> In(TableEntity row, string property) =>
            (GetText(row, property) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse);
    }
}
