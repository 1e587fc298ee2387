using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Cascade.Audit;

/// <summary>An HMAC of a keyed <see cref="AuditSchemes"/> scheme over text appended piece by piece (UTF-8).</summary>
public sealed class IncrementalMac : IDisposable
{
    private readonly IncrementalHash? _sha256;
    private readonly HMac? _sm3;

    internal IncrementalMac(string scheme, byte[] key)
    {
        if (scheme == AuditSchemes.HmacSm3)
        {
            _sm3 = new HMac(new SM3Digest());
            _sm3.Init(new KeyParameter(key));
        }
        else if (scheme == AuditSchemes.HmacSha256) _sha256 = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        else throw new ArgumentException($"'{scheme}' is not a keyed audit scheme.", nameof(scheme));
    }

    public void Append(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (_sm3 is not null) _sm3.BlockUpdate(bytes);
        else _sha256!.AppendData(bytes);
    }

    /// <summary>Lowercase hex.</summary>
    public string Finish()
    {
        Span<byte> digest = stackalloc byte[AuditMac.Size];
        if (_sm3 is not null) _sm3.DoFinal(digest);
        else _sha256!.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _sha256?.Dispose();
}
