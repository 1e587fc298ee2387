using System.Net;
using System.Net.Sockets;

namespace Cascade.Tests.Notifications;

/// <summary>A receiver that takes the connection and then never says a word (a hung service).</summary>
public sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly Task _accepting;

    public SilentListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_held) _held.Add(client);
                }
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException) { }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held) _held.ForEach(c => c.Dispose());
        _accepting.Wait(TimeSpan.FromSeconds(5));
    }
}
