using System.Diagnostics;
using System.Text.Json;
using Cascade.Bench.Reporting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cascade.Bench.Wall;

/// <summary>
/// One wall as the .NET SignalR client over WebSockets: watches a unit, keeps the newest
/// version of every unit it shows (a version already seen or passed is ignored, as the wall
/// page does), remembers when it started holding the root's current total weight, and counts
/// what it received: messages by name, their wire bytes, and when each arrived.
/// </summary>
public sealed class WallClient : IAsyncDisposable
{
    /// <summary>Server-to-client pushes, as docs/api.md names them; anything else is counted as "other".</summary>
    public static readonly string[] Pushes = ["summaries", "changes", "structure", "alerts"];

    private readonly HubConnection _connection;
    private readonly string _unitId;
    private readonly int _depth;
    private readonly string _figure;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _versions = [];
    private readonly List<long> _arrivals = [];
    private readonly Dictionary<string, (long Messages, long Bytes)> _received = [];
    private long _clientNanoseconds;
    private long _alertItems;
    private double _rootWeight = double.NaN;
    private int _lost;
    private volatile bool _disposing;
    private long _rootWeightSince;

    /// <param name="figure">Which total weight of the watched unit <see cref="Holds"/> compares: <c>all</c>, <c>party</c> or <c>business</c>.</param>
    public WallClient(Uri hub, string unitId, int depth, string figure = "all")
    {
        _unitId = unitId;
        _depth = depth;
        _figure = figure;
        var builder = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, o => o.SkipNegotiation = true);
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new CountingHubProtocol(new JsonHubProtocol(), Parsed));
        _connection = builder.Build();
        _connection.On<JsonElement>("summaries", Summaries);
        _connection.On<JsonElement>("changes", _ => { });
        _connection.On<JsonElement>("alerts", alerts => Interlocked.Add(ref _alertItems, alerts.GetArrayLength()));
        _connection.On<JsonElement>("structure", _ => Rewatch());
        _connection.Closed += _ =>
        {
            if (!_disposing) Interlocked.Increment(ref _lost);
            return Task.CompletedTask;
        };
    }

    public long SnapshotBytes { get; private set; }
    public int SnapshotUnits { get; private set; }
    public int Watches { get; private set; }
    public int Rewatches { get; private set; }
    public long ItemsApplied { get; private set; }
    public long ItemsIgnored { get; private set; }
    public long RootVersion { get; private set; }
    /// <summary>Alerts received in all <c>alerts</c> messages so far (one message carries many).</summary>
    public long AlertItems => Interlocked.Read(ref _alertItems);
    /// <summary>CPU this client spent parsing and applying what it received (<see cref="ThreadCpu"/>).</summary>
    public TimeSpan ClientCpu => TimeSpan.FromTicks(Interlocked.Read(ref _clientNanoseconds) / 100);

    public async Task StartAsync(CancellationToken cancel)
    {
        await _connection.StartAsync(cancel);
        await WatchAsync();
    }

    private async Task WatchAsync()
    {
        var snapshot = await _connection.InvokeAsync<JsonElement>("Watch", _unitId, _depth);
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Watches++;
            SnapshotUnits = snapshot.GetProperty("units").GetArrayLength();
            foreach (var unit in snapshot.GetProperty("units").EnumerateArray())
            {
                var summary = unit.GetProperty("summary");
                Apply(unit.GetProperty("id").GetString()!, summary.GetProperty("version").GetInt64(), summary, now);
            }
        }
    }

    /// <summary>What a wall does on <c>structure</c> (or when told to resynchronise): watch again.</summary>
    private void Rewatch()
    {
        lock (_gate) Rewatches++;
        _ = Task.Run(async () =>
        {
            try { await WatchAsync(); }
            catch (Exception) { /* the connection is closing; the counters say enough */ }
        });
    }

    private void Summaries(JsonElement items)
    {
        var now = Stopwatch.GetTimestamp();
        var cpu = ThreadCpu.Now();
        lock (_gate)
            foreach (var item in items.EnumerateArray())
                Apply(item.GetProperty("unitId").GetString()!, item.GetProperty("version").GetInt64(), item.GetProperty("summary"), now);
        Interlocked.Add(ref _clientNanoseconds, ThreadCpu.Now() - cpu);
    }

    private void Apply(string unitId, long version, JsonElement summary, long now)
    {
        if (_versions.TryGetValue(unitId, out var held) && held >= version)
        {
            ItemsIgnored++;
            return;
        }
        _versions[unitId] = version;
        ItemsApplied++;
        if (unitId != _unitId) return;
        RootVersion = version;
        var weight = summary.GetProperty(_figure).GetProperty("weight").GetDouble();
        if (weight != _rootWeight)
        {
            _rootWeight = weight;
            _rootWeightSince = now;
        }
    }

    private void Parsed(HubMessage message, long bytes, long nanoseconds)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _clientNanoseconds, nanoseconds);
        var name = message switch
        {
            InvocationMessage invocation => Pushes.Contains(invocation.Target) ? invocation.Target : "other",
            CompletionMessage => "completion",
            PingMessage => "ping",
            _ => message.GetType().Name,
        };
        lock (_gate)
        {
            var (messages, total) = _received.GetValueOrDefault(name);
            _received[name] = (messages + 1, total + bytes);
            if (message is InvocationMessage) _arrivals.Add(now);
            if (message is CompletionMessage) SnapshotBytes = bytes;
        }
    }

    /// <summary>True when the watched unit's summary shows <paramref name="weight"/>; <paramref name="since"/> is when that summary arrived.</summary>
    public bool Holds(double weight, out long since)
    {
        lock (_gate)
        {
            since = _rootWeightSince;
            return Math.Abs(_rootWeight - weight) < 1e-6;
        }
    }

    /// <summary>Messages and bytes received so far, by message name.</summary>
    public Dictionary<string, (long Messages, long Bytes)> Received()
    {
        lock (_gate) return new Dictionary<string, (long Messages, long Bytes)>(_received);
    }

    /// <summary>Pushes (invocations) that arrived between two timestamps.</summary>
    public int PushesBetween(long from, long to)
    {
        lock (_gate) return _arrivals.Count(a => a >= from && a < to);
    }

    /// <summary>The most pushes that arrived within any one second (a sliding window), and when that window began.</summary>
    public (int Count, long At) MostInOneSecond() => MostInOneSecond(long.MinValue, long.MaxValue);

    /// <summary>As <see cref="MostInOneSecond()"/>, counting only the pushes that arrived between two timestamps.</summary>
    public (int Count, long At) MostInOneSecond(long from, long to)
    {
        long[] arrivals;
        lock (_gate) arrivals = [.. _arrivals.Where(a => a >= from && a < to)];
        var (most, at, first) = (0, 0L, 0);
        for (var last = 0; last < arrivals.Length; last++)
        {
            while (arrivals[last] - arrivals[first] >= Stopwatch.Frequency) first++;
            if (last - first + 1 > most) (most, at) = (last - first + 1, arrivals[first]);
        }
        return (most, at);
    }

    /// <summary>Arrival times of every push, for a closer look at the busiest window.</summary>
    public long[] Arrivals()
    {
        lock (_gate) return [.. _arrivals];
    }

    /// <summary>Times the connection closed while the bench still used it.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _connection.DisposeAsync();
    }
}
