using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cascade.Audit;

/// <summary>
/// One link of an audit chain. <see cref="Hash"/> is the lowercase hex HMAC (SHA-256, or SM3 by
/// <c>Cascade:Audit:Algorithm</c>) under the <see cref="AuditKey"/> of <see cref="HashInput"/>:
/// the canonical JSON of chain, seq, at, actor, action, unitId, taskId, before, after and
/// prevHash, in that order. Entries written before the key existed have the plain SHA-256 of
/// the same input, accepted only up to the checkpoint that sealed them.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Seq,
    [property: Id(2)] string At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Action,
    [property: Id(5)] string? UnitId,
    [property: Id(6)] string? TaskId,
    [property: Id(7)] string? Before,
    [property: Id(8)] string? After,
    [property: Id(9)] string PrevHash,
    [property: Id(10)] string Hash,
    [property: Id(11)] string? Ref)
{
    /// <summary>The previous hash of a chain's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Gives <paramref name="draft"/> its place after (<paramref name="seq"/> - 1, <paramref name="prevHash"/>).</summary>
    public static AuditEntry Link(AuditDraft draft, long seq, string prevHash, AuditKey key)
    {
        var at = FormatTime(draft.At);
        var entry = new AuditEntry(draft.Chain, seq, at, draft.Actor, draft.Action, draft.UnitId, draft.TaskId,
            draft.Before, draft.After, prevHash, "", draft.Ref);
        return entry with { Hash = entry.ComputeHash(key.Scheme, key) };
    }

    /// <summary>ISO 8601 UTC with milliseconds and a Z, as every time in the API.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The hash under the key's own scheme.</summary>
    public string ComputeHash(AuditKey key) => ComputeHash(key.Scheme, key);

    /// <summary>The hash trails had before the audit key existed: anyone can compute it.</summary>
    public string PlainHash() => ComputeHash(AuditSchemes.Plain, null);

    /// <summary>Made on every write: the input is built in a reused builder and hashed from a pooled buffer.</summary>
    public string ComputeHash(string scheme, AuditKey? key)
    {
        var json = TextBuffers.Rent();
        WriteHashInput(json);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = 0;
            foreach (var chunk in json.GetChunks()) length += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(length));
            Span<byte> hash = stackalloc byte[AuditMac.Size];
            if (key is not null) key.Hash(scheme, bytes.AsSpan(0, length), hash);
            else if (scheme == AuditSchemes.Plain) SHA256.HashData(bytes.AsSpan(0, length), hash);
            else throw new ArgumentNullException(nameof(key), $"The scheme {scheme} needs the audit key.");
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            TextBuffers.Return(json);
        }
    }

    /// <summary>
    /// What the hash covers. <see cref="Before"/> and <see cref="After"/> are written canonically
    /// when the entry is made and go in as stored: any edit of the stored text changes the hash.
    /// </summary>
    public string HashInput()
    {
        var json = new StringBuilder();
        WriteHashInput(json);
        return json.ToString();
    }

    private void WriteHashInput(StringBuilder json)
    {
        json.Append("{\"chain\":"); CanonicalJson.WriteString(json, Chain);
        json.Append(",\"seq\":"); CanonicalJson.WriteNumber(json, Seq);
        json.Append(",\"at\":"); CanonicalJson.WriteString(json, At);
        json.Append(",\"actor\":"); CanonicalJson.WriteString(json, Actor);
        json.Append(",\"action\":"); CanonicalJson.WriteString(json, Action);
        json.Append(",\"unitId\":"); CanonicalJson.WriteString(json, UnitId);
        json.Append(",\"taskId\":"); CanonicalJson.WriteString(json, TaskId);
        json.Append(",\"before\":").Append(Before ?? "null");
        json.Append(",\"after\":").Append(After ?? "null");
        json.Append(",\"prevHash\":"); CanonicalJson.WriteString(json, PrevHash);
        json.Append('}');
    }
}
