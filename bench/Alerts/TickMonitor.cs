using System.Diagnostics;
using Cascade.Bench.Reporting;
using Orleans.Runtime.Diagnostics;

namespace Cascade.Bench.Alerts;

/// <summary>
/// Watches every unit's clock through Orleans' own timer diagnostics (<see cref="GrainTimerEvents"/>,
/// a <c>DiagnosticListener</c>): which unit timers exist (created with the clock's period), and
/// for each tick when it started, when it ended, and the CPU its turn took on its thread when the
/// tick completed inside that turn (a tick that awaited something, a state write or another
/// grain, completes later and is counted apart). Nothing in the product changes; the cost of
/// listening is two clock reads and a dictionary update per tick.
/// </summary>
public sealed class TickMonitor : IObserver<GrainTimerEvents.TimerEvent>, IDisposable
{
    public readonly record struct Tick(GrainId Unit, long Started, long Ended, long CpuNanoseconds, bool InTurn);

    private readonly TimeSpan _period;
    private readonly Lock _gate = new();
    private readonly Dictionary<IGrainTimer, GrainId> _clocks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IGrainTimer, (long Started, long Cpu, int Thread)> _running = new(ReferenceEqualityComparer.Instance);
    private readonly List<Tick> _ticks = [];
    private readonly List<long> _created = [];
    private readonly IDisposable _subscription;
    [ThreadStatic] private static IGrainTimer? _inTurn;

    public TickMonitor(TimeSpan period)
    {
        _period = period;
        _subscription = GrainTimerEvents.AllEvents.Subscribe(this);
    }

    /// <summary>Unit clock timers alive now.</summary>
    public int Clocks
    {
        get { lock (_gate) return _clocks.Count; }
    }

    /// <summary>When each unit clock was created (a unit's activation or creation), in order.</summary>
    public long[] CreatedAt()
    {
        lock (_gate) return [.. _created];
    }

    /// <summary>The ticks that started in [from, to).</summary>
    public List<Tick> Between(long from, long to)
    {
        lock (_gate) return _ticks.Where(t => t.Started >= from && t.Started < to).ToList();
    }

    /// <summary>Forgets every clock and tick: the host they belonged to is gone.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _clocks.Clear();
            _running.Clear();
            _created.Clear();
            _ticks.Clear();
        }
    }

    /// <summary>Forgets the ticks recorded so far (they take memory: about 100,000 a minute).</summary>
    public void Clear()
    {
        lock (_gate) _ticks.Clear();
    }

    /// <summary>
    /// Re-aims every unit clock at one instant, keeping its period, so the whole tree is due at
    /// once (the bench's deliberate full pass; the product never does this). Returns the instant.
    /// </summary>
    public long AlignAt(TimeSpan fromNow)
    {
        List<IGrainTimer> clocks;
        lock (_gate) clocks = [.. _clocks.Keys];
        var at = Stopwatch.GetTimestamp() + (long)(fromNow.TotalSeconds * Stopwatch.Frequency);
        foreach (var clock in clocks)
        {
            var due = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
            try { clock.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, _period); }
            catch (ObjectDisposedException) { }
        }
        return at;
    }

    public void OnNext(GrainTimerEvents.TimerEvent value)
    {
        switch (value)
        {
            case GrainTimerEvents.Created created when created.Period == _period && created.GrainContext.GrainId.Type.ToString() == "unit":
                lock (_gate)
                {
                    _clocks[created.Timer] = created.GrainContext.GrainId;
                    _created.Add(Stopwatch.GetTimestamp());
                }
                break;
            case GrainTimerEvents.Disposed disposed:
                lock (_gate)
                {
                    _clocks.Remove(disposed.Timer);
                    _running.Remove(disposed.Timer);
                }
                break;
            case GrainTimerEvents.TickStart start:
                {
                    var cpu = ThreadCpu.Now();
                    var now = Stopwatch.GetTimestamp();
                    lock (_gate)
                    {
                        if (!_clocks.ContainsKey(start.Timer)) return;
                        _running[start.Timer] = (now, cpu, Environment.CurrentManagedThreadId);
                    }
                    _inTurn = start.Timer;
                    break;
                }
            case GrainTimerEvents.TickStop stop:
                {
                    var now = Stopwatch.GetTimestamp();
                    var cpu = ThreadCpu.Now();
                    var inTurn = ReferenceEquals(_inTurn, stop.Timer);
                    _inTurn = null;
                    lock (_gate)
                    {
                        if (!_running.Remove(stop.Timer, out var started) || !_clocks.TryGetValue(stop.Timer, out var unit)) return;
                        inTurn &= started.Thread == Environment.CurrentManagedThreadId;
                        _ticks.Add(new Tick(unit, started.Started, now, inTurn ? cpu - started.Cpu : 0, inTurn));
                    }
                    break;
                }
        }
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose() => _subscription.Dispose();
}
