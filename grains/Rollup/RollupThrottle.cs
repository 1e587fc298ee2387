using System.Diagnostics;
using Cascade.Telemetry;

namespace Cascade.Rollup;

/// <summary>
/// A grain's leading-edge throttle (<see cref="LeadingEdge"/>) with its timer: a unit's reports
/// up and to walls, a feed partition's batches. Keeps the trace of the first change held, so the
/// send at the window's end continues it (docs/architecture.md "Telemetry").
/// </summary>
public sealed class RollupThrottle(TimeSpan window)
{
    /// <summary>On the machine's clock, never the domain's (tests move that one by days).</summary>
    private readonly LeadingEdge _edge = new(window, TimeProvider.System);
    private IGrainTimer? _timer;
    private ActivityContext _trace;

    /// <summary>Once per activation: the timer the window's end runs on (it runs only while a send is held).</summary>
    public void Start(IGrainTimer timer) => _timer ??= timer;

    public bool Started => _timer is not null;

    public bool Holding => _edge.Holding;

    /// <summary>True when a send may go now; else <paramref name="pending"/> work is held for the window's end.</summary>
    public bool Ready(bool pending)
    {
        var wait = _edge.Wait();
        if (wait <= TimeSpan.Zero) return true;
        if (pending && _edge.Hold())
        {
            _trace = CascadeTelemetry.CurrentTrace();
            _timer?.Change(wait, Timeout.InfiniteTimeSpan);
        }
        return false;
    }

    /// <summary>Runs the held send as soon as the grain is free (it must wait for something first).</summary>
    public void Soon()
    {
        if (_edge.Hold()) _timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer fired: answers the trace the held send continues.</summary>
    public ActivityContext Released()
    {
        _edge.Released();
        var trace = _trace;
        _trace = default;
        return trace;
    }

    public void Sent() => _edge.Sent();

    /// <summary>The next send goes at once (an activation that ends sends what it held).</summary>
    public void Open() => _edge.Open();
}
