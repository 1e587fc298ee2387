using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Support;

/// <summary>
/// A wall as the wall page keeps it, over real HTTP: the snapshot, then summaries by growing
/// version. When its node goes away it connects to the next address it was given (as a wall
/// behind a load balancer would) and watches again, for as long as it lives.
/// </summary>
public sealed class LiveWall : IAsyncDisposable
{
    private readonly IReadOnlyList<Uri> _addresses;
    private readonly string _token;
    private readonly string _unitId;
    private readonly int _depth;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Version, JsonElement Summary)> _units = [];
    private readonly CancellationTokenSource _stop = new();
    private HubConnection? _connection;
    private int _next;

    private LiveWall(IReadOnlyList<Uri> addresses, string token, string unitId, int depth) =>
        (_addresses, _token, _unitId, _depth) = (addresses, token, unitId, depth);

    /// <summary>Messages received since the start, and when the last one came.</summary>
    public int Messages { get; private set; }
    public DateTime LastMessageAt { get; private set; }
    /// <summary>How often the connection closed under it; the address it is on now.</summary>
    public int Losses { get; private set; }
    public Uri? ConnectedTo { get; private set; }

    public static async Task<LiveWall> StartAsync(IReadOnlyList<Uri> addresses, string token, string unitId, int depth)
    {
        var wall = new LiveWall(addresses, token, unitId, depth);
        await wall.ConnectAsync();
        return wall;
    }

    /// <summary>The summaries it holds now, by unit.</summary>
    public Dictionary<string, (long Version, JsonElement Summary)> Units
    {
        get { lock (_gate) return new(_units); }
    }

    private async Task ConnectAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var address = _addresses[_next % _addresses.Count];
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(address, "hubs/wall"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token))
                .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
                .Build();
            connection.On<JsonElement>("summaries", Apply);
            connection.On<JsonElement>("alerts", _ => Count());
            connection.On<JsonElement>("changes", _ => Count());
            connection.On<JsonElement>("structure", _ => Count());
            try
            {
                await connection.StartAsync(_stop.Token);
                var snapshot = await connection.InvokeAsync<JsonElement>("Watch", _unitId, _depth, _stop.Token);
                lock (_gate)
                {
                    _units.Clear();
                    foreach (var unit in snapshot.GetProperty("units").EnumerateArray())
                    {
                        var summary = unit.GetProperty("summary");
                        _units[unit.GetProperty("id").GetString()!] = (summary.GetProperty("version").GetInt64(), summary.Clone());
                    }
                    Count();
                }
                connection.Closed += error =>
                {
                    Losses++;
                    _next++;
                    if (!_stop.IsCancellationRequested) _ = Task.Run(ConnectAsync);
                    return Task.CompletedTask;
                };
                _connection = connection;
                ConnectedTo = address;
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                _next++; // that node is not there (yet): the next one
                await Task.Delay(500);
            }
        }
    }

    private void Count()
    {
        Messages++;
        LastMessageAt = DateTime.UtcNow;
    }

    private void Apply(JsonElement items)
    {
        lock (_gate)
        {
            Count();
            foreach (var item in items.EnumerateArray())
            {
                var id = item.GetProperty("unitId").GetString()!;
                var version = item.GetProperty("version").GetInt64();
                if (_units.TryGetValue(id, out var held) && held.Version >= version) continue;
                _units[id] = (version, item.GetProperty("summary").Clone());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
