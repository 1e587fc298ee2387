namespace Cascade.Audit;

/// <summary>
/// The state of <see cref="AuditVerifier"/>'s pass over one chain: the chain's checkpoints, those
/// the key signed, how far plain SHA-256 is accepted (the newest signed seal, 0 when none), and
/// where the walk got to.
/// </summary>
internal sealed class AuditChainWalk(AuditKey key)
{
    private string? _chain;
    private List<AuditCheckpoint> _checkpoints = [];
    private List<AuditCheckpoint> _signed = [];
    private HashSet<AuditCheckpoint> _valid = [];
    private int _next, _cover;
    private long _seq, _plainUpTo;
    private string _prevHash = AuditEntry.Genesis;

    public long Entries { get; private set; }

    /// <summary>Set by <see cref="Start"/> when the checkpoints alone show the chain was tampered with.</summary>
    public AuditVerification? Problem { get; private set; }

    public AuditChainWalk Start(string chain, List<AuditCheckpoint> checkpoints)
    {
        (_chain, _seq, _prevHash, _next, _cover, Problem) = (chain, 0, AuditEntry.Genesis, 0, 0, null);
        _checkpoints = checkpoints;
        _signed = checkpoints.Where(key.Signed).ToList();
        _valid = new HashSet<AuditCheckpoint>(_signed, ReferenceEqualityComparer.Instance);
        _plainUpTo = _signed.Where(c => c.Scheme == AuditSchemes.Plain).Select(c => c.Seq).DefaultIfEmpty(0).Max();
        // A seal is made once, before the chain's first keyed entry: one above a keyed checkpoint
        // was made again later, to pass off entries rewritten with the public hash.
        if (_signed.FirstOrDefault(c => c.Scheme != AuditSchemes.Plain && c.Seq < _plainUpTo) is { } keyed)
            Problem = Bad(_plainUpTo, $"entry {_plainUpTo} is sealed as plain SHA-256 after the keyed checkpoint of {keyed.At} at entry {keyed.Seq}.");
        return this;
    }

    public AuditVerification? Next(AuditEntry entry)
    {
        Entries++;
        var seq = ++_seq;
        if (entry.Seq != seq)
            return Bad(seq, entry.Seq < seq
                ? $"entry {entry.Seq} appears twice."
                : $"entry {seq} is missing (the next stored entry is {entry.Seq}).");
        if (entry.PrevHash != _prevHash)
            // An entry that still hashes to its own hash kept its content: then the one before it
            // was changed and given a new hash, which is what broke the link.
            return Hashes(entry)
                ? Bad(seq - 1, $"entry {seq - 1} was changed and rehashed: entry {seq} names its original hash.")
                : Bad(seq, $"entry {seq} was changed: it does not name the hash of entry {seq - 1}.");
        if (!Hashes(entry))
            return Bad(seq, seq <= _plainUpTo || entry.Hash != entry.PlainHash()
                ? $"entry {seq} was changed: its content does not hash to its hash."
                : $"entry {seq} has a plain SHA-256 hash, accepted only up to entry {_plainUpTo}, sealed when the trail was given its key.");
        for (; _next < _checkpoints.Count && _checkpoints[_next].Seq <= seq; _next++)
        {
            var checkpoint = _checkpoints[_next];
            if (!_valid.Contains(checkpoint)) return Unsigned(checkpoint);
            if (checkpoint.Hash != entry.Hash) return Bad(seq, $"entry {seq} differs from the checkpoint of {checkpoint.At}.");
        }
        _prevHash = entry.Hash;
        return null;
    }

    /// <summary>After the chain's last entry: it must reach every checkpoint.</summary>
    public AuditVerification? Finish()
    {
        if (_chain is null || _next >= _checkpoints.Count) return Problem;
        var checkpoint = _checkpoints[_next];
        return _valid.Contains(checkpoint)
            ? Bad(_seq + 1, _seq + 1 == checkpoint.Seq
                ? $"entry {checkpoint.Seq} is missing: the checkpoint of {checkpoint.At} saw it."
                : $"entries {_seq + 1} to {checkpoint.Seq} are missing: the checkpoint of {checkpoint.At} saw them.")
            : Unsigned(checkpoint);
    }

    /// <summary>
    /// The entry's hash under its range's scheme: the keyed scheme its first signed checkpoint at
    /// or after it names (the key's own past the last), and plain SHA-256 too up to the seal.
    /// </summary>
    private bool Hashes(AuditEntry entry)
    {
        while (_cover < _signed.Count && _signed[_cover].Seq < entry.Seq) _cover++;
        var scheme = _cover < _signed.Count && AuditSchemes.IsKeyed(_signed[_cover].Scheme) ? _signed[_cover].Scheme! : key.Scheme;
        return entry.Hash == entry.ComputeHash(scheme, key) || entry.Seq <= _plainUpTo && entry.Hash == entry.PlainHash();
    }

    private AuditVerification Unsigned(AuditCheckpoint checkpoint) =>
        Bad(checkpoint.Seq, $"the checkpoint of {checkpoint.At} at entry {checkpoint.Seq} is not signed by the audit key {key.Id}.");

    private AuditVerification Bad(long seq, string problem) => new(false, Entries, seq, _chain, problem);
}
