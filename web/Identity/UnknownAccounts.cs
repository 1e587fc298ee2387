using Cascade.Identity;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Identity;

/// <summary>
/// The sign-in protection of names no account has, in this node's memory only and bounded:
/// anyone may type any name, and none of them may grow the store. They are locked out as an
/// account would be, so a locked answer says nothing about whether the name exists.
/// </summary>
public sealed class UnknownAccounts(IOptions<SignInOptions> options)
{
    /// <summary>Names remembered at once; the oldest is forgotten first.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SignInThrottle> _throttles = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public SignInCheck Check(string name, string address, DateTimeOffset now)
    {
        lock (_gate) return For(name).Check(address, now);
    }

    public SignInCheck Failed(string name, string address, DateTimeOffset now)
    {
        lock (_gate) return For(name).Failed(address, now).Check;
    }

    public int Count
    {
        get { lock (_gate) return _throttles.Count; }
    }

    private SignInThrottle For(string name)
    {
        if (_throttles.TryGetValue(name, out var throttle)) return throttle;
        while (_throttles.Count >= Capacity) _throttles.Remove(_order.Dequeue());
        _order.Enqueue(name);
        return _throttles[name] = new SignInThrottle(options.Value, new SignInThrottleState());
    }
}
