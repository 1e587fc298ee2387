using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cascade.Telemetry;

/// <summary>
/// The product's own traces and metrics, both named <c>Cascade</c> (docs/operations.md "Metrics"
/// lists every instrument). Grains and the web host share these statics. An instrument nobody
/// listens to costs one branch, and <see cref="Source"/> starts no activity without a listener,
/// so the hot paths call them unconditionally.
/// </summary>
public static class CascadeTelemetry
{
    public const string Name = "Cascade";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> TaskUpdates = Meter.CreateCounter<long>(
        "cascade.task.updates", "{update}", "Accepted task writes that changed something, by operation (create, update, delete, import).");

    public static readonly Histogram<double> RollupPropagation = Meter.CreateHistogram(
        "cascade.rollup.propagation", "s", "From a unit's figures changing (its summary version) to the root's summary taking the change in.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Counter<long> WallPushes = Meter.CreateCounter<long>(
        "cascade.wall.pushes", "{message}", "Messages written to wall connections, by hub method (summaries, changes, alerts, structure).");

    public static readonly Counter<long> WallPushBytes = Meter.CreateCounter<long>(
        "cascade.wall.push.bytes", "By", "Bytes of the messages written to wall connections, as serialized for each connection's protocol.");

    // Current counts are kept here and observed at collection, so a reader that starts late (or a
    // second host in the same process) still reads the whole count, never a sum of deltas it saw.
    private static long _wallConnections;
    private static long _openAmber;
    private static long _openRed;

    public static readonly ObservableUpDownCounter<long> WallConnections = Meter.CreateObservableUpDownCounter(
        "cascade.wall.connections", () => Interlocked.Read(ref _wallConnections), "{connection}", "Open connections to /hubs/wall (walls and workbenches).");

    public static readonly ObservableUpDownCounter<long> OpenAlerts = Meter.CreateObservableUpDownCounter(
        "cascade.alerts.open", ObserveOpenAlerts, "{alert}", "Open (firing or acknowledged) alerts of the units active in this process, by severity.");

    public static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram(
        "cascade.storage.write.duration", "s", "From a write joining the SQLite queue to its transaction committing (group commit), by kind (grainState, audit, auditCheckpoint).",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    public static readonly Counter<long> StorageRequests = Meter.CreateCounter<long>(
        "cascade.storage.requests", "{request}", "Requests sent to Azure Table Storage (each try of a retry counts), by table (without the prefix) and HTTP method: what the account bills and what limits its rate.");

    /// <summary>Activity names: each hop of a task update that is Cascade's own (Orleans and ASP.NET Core name theirs).</summary>
    public static class Spans
    {
        /// <summary>A unit's deferred roll-up at the end of its window, in the trace of the first change it carries.</summary>
        public const string RollupWindow = "cascade.rollup.window";
        /// <summary>A feed partition's deferred batch at the end of its window, in the trace of the first update it carries.</summary>
        public const string FeedWindow = "cascade.wall.feed.window";
        /// <summary>A host sending one message to the walls of one watch group.</summary>
        public const string WallPush = "cascade.wall.push";
        /// <summary>A grain state written to SQLite (queued, then committed with others).</summary>
        public const string StorageWrite = "cascade.storage.write";
    }

    public static class Tags
    {
        public const string Operation = "operation";
        public const string Message = "message";
        public const string Severity = "severity";
        public const string Kind = "kind";
        public const string Unit = "cascade.unit";
        public const string Grain = "cascade.grain";
        public const string Depth = "cascade.wall.depth";
        public const string Connections = "cascade.wall.connections";
        public const string Table = "table";
        public const string Method = "method";
    }

    /// <summary>Counts accepted task writes (<see cref="TaskUpdates"/>).</summary>
    public static void TaskChanged(string operation, long count = 1) =>
        TaskUpdates.Add(count, new KeyValuePair<string, object?>(Tags.Operation, operation));

    /// <summary>Moves the open alerts (<see cref="OpenAlerts"/>) by what one unit's count changed.</summary>
    public static void AlertsOpened(long amber, long red)
    {
        if (amber != 0) Interlocked.Add(ref _openAmber, amber);
        if (red != 0) Interlocked.Add(ref _openRed, red);
    }

    private static IEnumerable<Measurement<long>> ObserveOpenAlerts() =>
    [
        new(Interlocked.Read(ref _openAmber), new KeyValuePair<string, object?>(Tags.Severity, "amber")),
        new(Interlocked.Read(ref _openRed), new KeyValuePair<string, object?>(Tags.Severity, "red")),
    ];

    /// <summary>A wall connection opened (+1) or closed (-1): <see cref="WallConnections"/>.</summary>
    public static void WallConnected(int delta) => Interlocked.Add(ref _wallConnections, delta);

    /// <summary>Starts an activity that continues <paramref name="parent"/> (a trace kept over a window); null when nobody listens or there is none.</summary>
    public static Activity? Continue(string name, ActivityContext parent) =>
        parent == default ? null : Source.StartActivity(name, ActivityKind.Internal, parent);

    /// <summary>The current trace, to keep while work waits for a window (default when none is recorded).</summary>
    public static ActivityContext CurrentTrace() => Activity.Current is { Recorded: true } current ? current.Context : default;
}
