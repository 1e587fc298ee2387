namespace Cascade.Audit;

/// <summary>
/// A chain's head as it was at <see cref="At"/>: later, entry <see cref="Seq"/> must still exist
/// with <see cref="Hash"/>. Signed (<see cref="AuditKey.Sign"/>): <see cref="Scheme"/> says how
/// the chain's entries up to <see cref="Seq"/> are hashed, <see cref="Mac"/> how the signature
/// was made, <see cref="KeyId"/> under which key. Checkpoints written before the key existed
/// carry none of the four, and after the first start with a key no longer count.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-checkpoint")]
public sealed record AuditCheckpoint(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Hash,
    [property: Id(3)] string At,
    [property: Id(4)] string? Scheme = null,
    [property: Id(5)] string? Mac = null,
    [property: Id(6)] string? KeyId = null,
    [property: Id(7)] string? Signature = null)
{
    /// <summary>What the signature covers: canonical JSON of every field but the signature, in this order.</summary>
    public string SigningInput() => new CanonicalObject()
        .Add("chain", Chain).Add("seq", Seq).Add("hash", Hash).Add("at", At)
        .Add("scheme", Scheme).Add("mac", Mac).Add("keyId", KeyId)
        .ToString();
}
