namespace Cascade.Audit;

/// <summary>
/// How an entry's hash was made, as recorded in signed checkpoints: the keyed schemes of today,
/// and the plain SHA-256 of trails written before the audit key existed, which a checkpoint made
/// at the first start with a key seals (plain hashes are accepted only up to that seal).
/// </summary>
public static class AuditSchemes
{
    public const string Plain = "sha256-plain";
    public const string HmacSha256 = "hmac-sha256";
    public const string HmacSm3 = "hmac-sm3";

    /// <summary>The setting <c>Cascade:Audit:Algorithm</c> (<c>sha256</c> or <c>sm3</c>) as a keyed scheme.</summary>
    public static string FromAlgorithm(string algorithm) =>
        string.Equals(algorithm, "sm3", StringComparison.OrdinalIgnoreCase) ? HmacSm3 : HmacSha256;

    public static bool IsKeyed(string? scheme) => scheme is HmacSha256 or HmacSm3;
}
