using System.Collections.Concurrent;
using Cascade.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Cascade.Web.Wall;

/// <summary>
/// SignalR's default lifetime manager for <see cref="WallHub"/>, keeping each connection's
/// context at hand so <see cref="WallPush"/> can write one serialized message to many walls
/// and still know, per wall, whether its message has left.
/// </summary>
public class WallLifetimeManager(ILogger<DefaultHubLifetimeManager<WallHub>> logger) : DefaultHubLifetimeManager<WallHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new();

    public HubConnectionContext? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public ICollection<HubConnectionContext> Connections => _connections.Values;

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        CascadeTelemetry.WallConnected(1);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryRemove(connection.ConnectionId, out _)) CascadeTelemetry.WallConnected(-1);
        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>Writes a message serialized once (per protocol) for all who get it; completes when it has left for this connection.</summary>
    public virtual ValueTask Send(HubConnectionContext connection, string method, SerializedHubMessage message) =>
        connection.WriteAsync(message);
}
