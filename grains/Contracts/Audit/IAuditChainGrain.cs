namespace Cascade.Audit;

/// <summary>
/// The single writer of a chain with many sources (key: the chain's name, <see cref="AuditChains.Users"/>), so it has one order:
/// it gives each draft the next seq and the previous entry's hash, and appends them.
/// </summary>
public interface IAuditChainGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends the drafts in order. When <paramref name="redelivered"/>, drafts the chain already
    /// holds (a lost answer, a restart before the sender knew) are skipped, so each is appended once.
    /// </summary>
    Task Append(IReadOnlyList<AuditDraft> drafts, bool redelivered);
}
