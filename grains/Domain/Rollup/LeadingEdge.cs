namespace Cascade.Rollup;

/// <summary>
/// The leading-edge throttle of docs/domain.md "Roll-up" (a unit's reports) and of the wall feed:
/// the first change after a quiet window goes at once; changes inside the window are held for one
/// send at its end. Plain logic over an injected clock, so a test moves time by hand; the caller
/// owns the timer and arms it when <see cref="Hold"/> says so.
/// </summary>
public sealed class LeadingEdge(TimeSpan window, TimeProvider time)
{
    private readonly long _window = (long)(window.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);
    /// <summary>When the last send went (a timestamp of <c>time</c>); far in the past before the first.</summary>
    private long _sent = long.MinValue / 2;
    /// <summary>When <see cref="Wait"/> last looked: a send starts its window then.</summary>
    private long _looked;

    /// <summary>True while a send waits for the window's end (the caller's timer is armed).</summary>
    public bool Holding { get; private set; }

    /// <summary>How long until the current window ends; zero when a change may go now.</summary>
    public TimeSpan Wait()
    {
        _looked = time.GetTimestamp();
        var left = _sent + _window - _looked;
        return left <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)(left * (double)TimeSpan.TicksPerSecond / time.TimestampFrequency) + 1);
    }

    /// <summary>A change is held for the window's end: true the first time, when the caller arms its timer.</summary>
    public bool Hold()
    {
        if (Holding) return false;
        Holding = true;
        return true;
    }

    /// <summary>The caller's timer fired: what was held is sent now (or held again if the window is not over).</summary>
    public void Released() => Holding = false;

    /// <summary>Something went out: a new window starts when <see cref="Wait"/> last looked.</summary>
    public void Sent() => _sent = _looked;

    /// <summary>The next change goes at once, whatever the window (an activation that ends sends what it held).</summary>
    public void Open() => _sent = long.MinValue / 2;
}
