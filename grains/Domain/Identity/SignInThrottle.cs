namespace Cascade.Identity;

/// <summary>
/// The sign-in protection of one account (docs/api.md "Identity and access"), as plain logic over
/// times it is given. Two limits: failures per (account, address) lock that pair for
/// <see cref="SignInOptions.LockoutFor"/>; failures of the account from every address within
/// <see cref="SignInOptions.AccountWindow"/> lock its password sign-in for the rest of that window,
/// except from its usual addresses (where it signed in within <see cref="SignInOptions.UsualFor"/>),
/// so guessing from elsewhere cannot lock a leader out. Lockouts and usual addresses live in
/// <see cref="SignInThrottleState"/>, which a known account stores; the failure counts stay in
/// memory, where a restart only forgets failures that locked nothing yet.
/// </summary>
public sealed class SignInThrottle(SignInOptions options, SignInThrottleState state)
{
    /// <summary>Usual addresses kept per account: beyond them the oldest is forgotten.</summary>
    public const int MaxUsualAddresses = 50;

    private readonly Dictionary<string, int> _pairFailures = [];
    private readonly Queue<DateTimeOffset> _accountFailures = new();

    public SignInThrottleState State => state;

    /// <summary>Whether an attempt from <paramref name="address"/> may check a password now.</summary>
    public SignInCheck Check(string address, DateTimeOffset now)
    {
        if (state.LockedPairs.TryGetValue(address, out var pairUntil) && pairUntil > now) return new(false, pairUntil);
        if (state.AccountLockedUntil is { } until && until > now && !IsUsual(address, now)) return new(false, until);
        return new(true, null);
    }

    /// <summary>Counts a failed password from <paramref name="address"/>; <c>Changed</c> says the stored state changed.</summary>
    public (SignInCheck Check, bool Changed) Failed(string address, DateTimeOffset now)
    {
        var changed = Forget(now);
        var failures = _pairFailures.GetValueOrDefault(address) + 1;
        if (failures >= options.MaxFailures)
        {
            _pairFailures.Remove(address);
            state.LockedPairs[address] = now + options.LockoutFor;
            changed = true;
        }
        else _pairFailures[address] = failures;

        _accountFailures.Enqueue(now);
        while (_accountFailures.Peek() <= now - options.AccountWindow) _accountFailures.Dequeue();
        if (_accountFailures.Count >= options.AccountMaxFailures && !(state.AccountLockedUntil > now))
        {
            // The rest of the window in which the failures piled up: from the oldest of them.
            state.AccountLockedUntil = _accountFailures.Peek() + options.AccountWindow;
            changed = true;
        }
        return (Check(address, now), changed);
    }

    /// <summary>A password accepted from <paramref name="address"/>: its pair starts again and it becomes (or stays) usual.</summary>
    public bool Succeeded(string address, DateTimeOffset now)
    {
        var changed = Forget(now);
        _pairFailures.Remove(address);
        changed |= state.LockedPairs.Remove(address);
        // A day's precision is plenty for "within 30 days", and spares a write per sign-in.
        if (!state.UsualAddresses.TryGetValue(address, out var last) || now - last > TimeSpan.FromDays(1))
        {
            state.UsualAddresses[address] = now;
            if (state.UsualAddresses.Count > MaxUsualAddresses)
                state.UsualAddresses.Remove(state.UsualAddresses.MinBy(a => a.Value).Key);
            changed = true;
        }
        return changed;
    }

    private bool IsUsual(string address, DateTimeOffset now) =>
        state.UsualAddresses.TryGetValue(address, out var last) && now - last <= options.UsualFor;

    /// <summary>Drops what has run out, so the stored state stays small.</summary>
    private bool Forget(DateTimeOffset now)
    {
        var changed = false;
        foreach (var (address, until) in state.LockedPairs.ToList())
            if (until <= now) changed |= state.LockedPairs.Remove(address);
        foreach (var (address, last) in state.UsualAddresses.ToList())
            if (now - last > options.UsualFor) changed |= state.UsualAddresses.Remove(address);
        if (state.AccountLockedUntil is { } until2 && until2 <= now) { state.AccountLockedUntil = null; changed = true; }
        return changed;
    }
}
