using System.Collections.Concurrent;
using System.Diagnostics;
using Cascade.Web.Wall;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Cascade.Bench.Wall;

/// <summary>
/// When the server handed each push to SignalR, per connection: the product's own pacing,
/// without the delivery delays (GC pauses, a busy CPU) a wall's clock also sees. The bench
/// host swaps the product's <see cref="WallLifetimeManager"/> for <see cref="Recording"/>, which
/// records and then does exactly what the product's does. Sends to groups or to everyone are
/// not seen (the product sends to connections); the report then says "not recorded".
/// </summary>
public sealed class ServerSendLog
{
    private readonly ConcurrentDictionary<string, List<(long At, string Method)>> _sends = new();

    public void Sent(string connectionId, string method)
    {
        var now = Stopwatch.GetTimestamp();
        var list = _sends.GetOrAdd(connectionId, _ => []);
        lock (list) list.Add((now, method));
    }

    /// <summary>Per connection: the most sends within any one second.</summary>
    public IReadOnlyList<int> MostInOneSecond() => _sends.Values.Select(l => Busiest(l).Count).ToList();

    /// <summary>Per connection: the most sends within any one second between two timestamps.</summary>
    public IReadOnlyList<int> MostInOneSecond(long from, long to) => _sends.Values.Select(l => Busiest(l, from, to).Count).ToList();

    /// <summary>The sends of the busiest connection from the start of its busiest second, for two seconds: "ms method".</summary>
    public string DescribeBusiest()
    {
        var busiest = _sends.Values.Select(l => (List: l, Window: Busiest(l))).MaxBy(x => x.Window.Count);
        if (busiest.List is null) return "no sends";
        lock (busiest.List)
            return string.Join(", ", busiest.List.Where(s => s.At >= busiest.Window.At && s.At < busiest.Window.At + 2 * Stopwatch.Frequency)
                .Select(s => $"{Stopwatch.GetElapsedTime(busiest.Window.At, s.At).TotalMilliseconds:F0} {s.Method}"));
    }

    private static (int Count, long At) Busiest(List<(long At, string Method)> list, long from = long.MinValue, long to = long.MaxValue)
    {
        long[] sends;
        lock (list) sends = list.Select(s => s.At).Where(at => at >= from && at < to).ToArray();
        var (most, at, first) = (0, 0L, 0);
        for (var last = 0; last < sends.Length; last++)
        {
            while (sends[last] - sends[first] >= Stopwatch.Frequency) first++;
            if (last - first + 1 > most) (most, at) = (last - first + 1, sends[first]);
        }
        return (most, at);
    }

    public sealed class Recording(ILogger<DefaultHubLifetimeManager<WallHub>> logger, ServerSendLog log) : WallLifetimeManager(logger)
    {
        public override ValueTask Send(HubConnectionContext connection, string method, SerializedHubMessage message)
        {
            log.Sent(connection.ConnectionId, method);
            return base.Send(connection, method, message);
        }

        public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default)
        {
            log.Sent(connectionId, methodName);
            return base.SendConnectionAsync(connectionId, methodName, args, cancellationToken);
        }

        public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
        {
            foreach (var connectionId in connectionIds) log.Sent(connectionId, methodName);
            return base.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);
        }
    }
}
