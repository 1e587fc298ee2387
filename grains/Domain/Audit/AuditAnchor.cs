using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cascade.Audit;

/// <summary>
/// One line of the anchor file: at <see cref="At"/>, <see cref="Chains"/> chains had signed
/// checkpoints, and <see cref="Root"/> is the MAC under the audit key of their newest ones as
/// <c>chain seq hash</c> lines in ordinal order of the names. <see cref="Signature"/> covers the
/// whole line, so neither the time nor the count can be changed either.
/// </summary>
public sealed record AuditAnchor(string At, long Chains, string Root, string Scheme, string KeyId, string Signature)
{
    public string Line => $"{At} {Chains} {Root} {Scheme} {KeyId} {Signature}";

    public static AuditAnchor Signed(AuditKey key, string at, long chains, string root)
    {
        var unsigned = new AuditAnchor(at, chains, root, key.Scheme, key.Id, "");
        return unsigned with { Signature = key.Hash(key.Scheme, Encoding.UTF8.GetBytes(unsigned.SigningInput())) };
    }

    /// <summary>Null when the line is not six fields of the right shapes.</summary>
    public static AuditAnchor? Parse(string line)
    {
        var parts = line.Trim().Split(' ');
        return parts.Length == 6 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var chains)
            ? new AuditAnchor(parts[0], chains, parts[2], parts[3], parts[4], parts[5])
            : null;
    }

    public bool SignedBy(AuditKey key) =>
        KeyId == key.Id && AuditSchemes.IsKeyed(Scheme)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature),
            Encoding.ASCII.GetBytes(key.Hash(Scheme, Encoding.UTF8.GetBytes(SigningInput()))));

    private string SigningInput() => $"cascade-audit-anchor {At} {Chains} {Root} {Scheme} {KeyId}";
}
