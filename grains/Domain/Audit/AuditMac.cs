using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Cascade.Audit;

/// <summary>
/// The 32-byte digests of <see cref="AuditSchemes"/>. HMAC-SHA256 is the platform's one-shot
/// call (no object per entry); HMAC-SM3 is BouncyCastle's <see cref="HMac"/>, which is not
/// thread-safe, so each thread keeps one, keyed once and reset by every result.
/// </summary>
public static class AuditMac
{
    public const int Size = 32;

    [ThreadStatic] private static (byte[] Key, HMac Mac)? _sm3;

    public static void Compute(string scheme, byte[] key, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        switch (scheme)
        {
            case AuditSchemes.Plain:
                SHA256.HashData(data, digest);
                break;
            case AuditSchemes.HmacSha256:
                HMACSHA256.HashData(key, data, digest);
                break;
            case AuditSchemes.HmacSm3:
                var mac = Sm3(key);
                mac.BlockUpdate(data);
                mac.DoFinal(digest);
                break;
            default:
                throw new ArgumentException($"Unknown audit hash scheme '{scheme}'.", nameof(scheme));
        }
    }

    /// <summary>The plain SM3 digest (GB/T 32905), for the published test vectors.</summary>
    public static byte[] Sm3Digest(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var result = new byte[Size];
        digest.DoFinal(result);
        return result;
    }

    /// <summary>An HMAC fed piece by piece (an anchor's root over every chain's head).</summary>
    public static IncrementalMac Incremental(string scheme, byte[] key) => new(scheme, key);

    private static HMac Sm3(byte[] key)
    {
        if (_sm3 is { } cached && ReferenceEquals(cached.Key, key)) return cached.Mac;
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        _sm3 = (key, mac);
        return mac;
    }
}
