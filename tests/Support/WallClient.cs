using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Support;

/// <summary>A .NET SignalR client on /hubs/wall of a test app, recording every message it gets.</summary>
public sealed class WallClient : IAsyncDisposable
{
    private WallClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public ConcurrentQueue<(DateTime At, string Method, JsonElement Payload)> Received { get; } = new();

    /// <summary>Connects as the app's admin.</summary>
    public static Task<WallClient> ConnectAsync(CascadeApp app) => ConnectAsync(app, app.AdminToken, null);

    /// <summary>Connects with a bearer <paramref name="token"/>, a <paramref name="kiosk"/> token, both or neither.</summary>
    public static async Task<WallClient> ConnectAsync(CascadeApp app, string? token, string? kiosk)
    {
        var server = app.Server;
        var query = kiosk is null ? "" : $"?kiosk={Uri.EscapeDataString(kiosk)}";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/wall" + query), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.WebSocketFactory = async (context, cancel) =>
                {
                    var socket = server.CreateWebSocketClient();
                    if (token is not null) socket.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
                    return await socket.ConnectAsync(context.Uri, cancel);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        var client = new WallClient(connection);
        foreach (var method in new[] { "summaries", "structure", "changes", "alerts", "directives" })
            connection.On<JsonElement>(method, payload => client.Received.Enqueue((DateTime.UtcNow, method, payload)));
        await connection.StartAsync();
        return client;
    }

    public Task<JsonElement> Watch(string unitId, int depth) => Connection.InvokeAsync<JsonElement>("Watch", unitId, depth);

    public IEnumerable<JsonElement> Summaries() =>
        Received.Where(r => r.Method == "summaries").SelectMany(r => r.Payload.EnumerateArray());

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
