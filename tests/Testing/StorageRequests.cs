using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cascade.Telemetry;

namespace Cascade.Testing;

/// <summary>
/// Totals of cascade.storage.requests in this process, by table and method: the requests Cascade
/// sent Azure Table Storage, read between two moments to attribute them to a phase. Used by the
/// tests and by <c>bench -- cluster</c> (both nodes run in its process).
/// </summary>
public sealed class StorageRequests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Table, string Method), long> _counts = new();

    public StorageRequests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // By name: this runs while CascadeTelemetry's statics are being created, the counter among them.
            if (instrument.Meter.Name == CascadeTelemetry.Name && instrument.Name == "cascade.storage.requests") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string table = "?", method = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == CascadeTelemetry.Tags.Table) table = tag.Value as string ?? "?";
                else if (tag.Key == CascadeTelemetry.Tags.Method) method = tag.Value as string ?? "?";
            }
            _counts.AddOrUpdate((table, method), value, (_, n) => n + value);
        });
        _listener.Start();
    }

    public Dictionary<(string Table, string Method), long> Snapshot() => new(_counts);

    /// <summary>What was counted since <paramref name="before"/>, largest first.</summary>
    public List<((string Table, string Method) Key, long Count)> Since(Dictionary<(string Table, string Method), long> before) =>
        [.. _counts.Select(c => (c.Key, c.Value - before.GetValueOrDefault(c.Key))).Where(c => c.Item2 > 0).OrderByDescending(c => c.Item2)];

    public void Dispose() => _listener.Dispose();
}
