namespace Cascade.Silences;

/// <summary>
/// The silence registry (docs/architecture.md "Silences"): one grain, key <see cref="Key"/>, whose
/// state (through the default grain storage) holds every silence not ended longer ago than it keeps
/// them. Every node caches it in its <c>SilenceBook</c>.
/// </summary>
public interface ISilenceGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>
    /// Stores a new silence, audited. A silence of the same id answers Ok with the stored one when it
    /// asks the same (an idempotent repeat), Conflict otherwise; Created for a new one.
    /// </summary>
    Task<Result<Silence>> Create(Silence silence);

    /// <summary>Ends a silence now (kept, with <c>endedAt</c>), audited; NotFound for an unknown id, Ok unchanged when it has already ended.</summary>
    Task<Result<Silence>> End(string id, string actor, DateTimeOffset now);

    [Orleans.Concurrency.ReadOnly] Task<Silence?> Get(string id);

    /// <summary>Every silence kept, or null when the registry is still at <paramref name="knownVersion"/>.</summary>
    [Orleans.Concurrency.ReadOnly] Task<SilenceList?> ListSince(long knownVersion);
}
