using System.Security.Cryptography;
using System.Text;

namespace Cascade.Audit;

/// <summary>
/// The secret behind the trail's hashes and signatures (<c>Cascade:Audit:Key</c> or
/// <c>KeyFile</c>), never stored in the database: whoever can write the database but does not
/// hold it cannot make an entry or a checkpoint that verifies. <see cref="Id"/> names it in
/// checkpoints and anchor lines without giving it away. Every node of a cluster holds the same.
/// </summary>
public sealed class AuditKey
{
    public const int MinBytes = 32;

    private readonly byte[] _bytes;

    public AuditKey(byte[] bytes, string scheme)
    {
        if (bytes.Length < MinBytes) throw new ArgumentException($"An audit key has at least {MinBytes} bytes.", nameof(bytes));
        if (!AuditSchemes.IsKeyed(scheme)) throw new ArgumentException($"'{scheme}' is not a keyed scheme.", nameof(scheme));
        _bytes = bytes;
        Scheme = scheme;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes))[..8];
    }

    /// <summary>The keyed scheme new entries and signatures use (<c>Cascade:Audit:Algorithm</c>).</summary>
    public string Scheme { get; }

    /// <summary>The first 8 hex digits of the SHA-256 of the key.</summary>
    public string Id { get; }

    /// <summary>The setting's format: base64 of at least 32 bytes; null when it is not that.</summary>
    public static byte[]? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var length) && length >= MinBytes ? buffer[..length] : null;
    }

    public static string NewText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinBytes));

    /// <summary>Lowercase hex of <paramref name="data"/> under <paramref name="scheme"/> (plain SHA-256 ignores the key).</summary>
    public string Hash(string scheme, ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[AuditMac.Size];
        AuditMac.Compute(scheme, _bytes, data, digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Hash(string scheme, ReadOnlySpan<byte> data, Span<byte> digest) => AuditMac.Compute(scheme, _bytes, data, digest);

    /// <summary>A MAC under this key fed piece by piece, in <paramref name="scheme"/> (this key's own by default).</summary>
    public IncrementalMac Incremental(string? scheme = null) => AuditMac.Incremental(scheme ?? Scheme, _bytes);

    /// <summary>Signs <paramref name="checkpoint"/>, saying its entries up to its seq are hashed by <paramref name="entries"/>.</summary>
    public AuditCheckpoint Sign(AuditCheckpoint checkpoint, string? entries = null)
    {
        var unsigned = checkpoint with { Scheme = entries ?? Scheme, Mac = Scheme, KeyId = Id, Signature = null };
        return unsigned with { Signature = Hash(Scheme, Encoding.UTF8.GetBytes(unsigned.SigningInput())) };
    }

    /// <summary>True when this key made the checkpoint's signature over what it says now.</summary>
    public bool Signed(AuditCheckpoint checkpoint)
    {
        if (checkpoint is not { Signature: { } signature, Mac: { } mac, KeyId: { } id, Scheme: { } scheme }) return false;
        if (id != Id || !AuditSchemes.IsKeyed(mac) || !(AuditSchemes.IsKeyed(scheme) || scheme == AuditSchemes.Plain)) return false;
        var expected = Hash(mac, Encoding.UTF8.GetBytes(checkpoint.SigningInput()));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
    }
}
