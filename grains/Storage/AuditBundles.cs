using System.IO.Compression;
using System.Text.Json;
using Cascade.Audit;

namespace Cascade.Storage;

/// <summary>
/// A bundle: the entries one group commit stored, whichever chains they belong to, as one value
/// (JSON compressed with Brotli). The Azure Tables and the PostgreSQL trails keep entries this
/// way: a store's work goes by rows far more than by bytes, so a transaction writes one row for
/// its entries instead of one per entry. Entries keep their exact text, which their hashes cover.
/// </summary>
public static class AuditBundles
{
    /// <summary>A bundle's entries before compression, at most (an append larger than this gets a bundle of its own).</summary>
    public const int MaxBytes = 600_000;

    private static readonly JsonSerializerOptions Json = new();

    /// <summary>A rough upper bound of an entry's size as JSON in UTF-8.</summary>
    public static int Size(AuditEntry e) =>
        256 + 3 * (e.Chain.Length + e.Actor.Length + e.Action.Length + (e.UnitId?.Length ?? 0) + (e.TaskId?.Length ?? 0)
            + (e.Before?.Length ?? 0) + (e.After?.Length ?? 0) + (e.Ref?.Length ?? 0)) + 2 * 64;

    /// <summary>The entries packed, in their order.</summary>
    public static ReadOnlyMemory<byte> Pack(IEnumerable<AuditEntry> entries)
    {
        var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(brotli, entries, Json);
        return packed.GetBuffer().AsMemory(0, (int)packed.Length);
    }

    /// <summary>The entries of a packed bundle, in the order they were packed.</summary>
    public static List<AuditEntry> Unpack(Stream packed)
    {
        using var brotli = new BrotliStream(packed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<AuditEntry>>(brotli, Json) ?? [];
    }

    public static List<AuditEntry> Unpack(byte[] packed) => Unpack(new MemoryStream(packed, writable: false));

    /// <summary>
    /// The entries of a packed bundle whose chain <paramref name="keep"/> accepts, in the order
    /// they were packed; the others are skipped without being built (<c>verify</c> reads a bundle
    /// once for each group of chains with entries in it).
    /// </summary>
    public static List<AuditEntry> Unpack(byte[] packed, Func<string, bool> keep)
    {
        var json = new MemoryStream();
        using (var brotli = new BrotliStream(new MemoryStream(packed, writable: false), CompressionMode.Decompress)) brotli.CopyTo(json);
        var reader = new Utf8JsonReader(json.GetBuffer().AsSpan(0, (int)json.Length));
        var entries = new List<AuditEntry>();
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return entries;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            // An entry's chain is its first property (AuditEntry's first); read it on a copy of the reader.
            var probe = reader;
            var chain = probe.Read() && probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals(nameof(AuditEntry.Chain)) && probe.Read()
                ? probe.GetString()
                : null;
            if (chain is null || keep(chain)) entries.Add(JsonSerializer.Deserialize<AuditEntry>(ref reader, Json)!);
            else reader.Skip();
        }
        return entries;
    }
}
