using System.Collections.Concurrent;
using System.Net;

namespace Cascade.Tests.Support;

/// <summary>
/// Stands in for an OpenTelemetry collector over OTLP/HTTP: accepts every export with 200 and
/// counts them by path (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>); it does not read them.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _exports = new();

    public OtlpCollector()
    {
        Address = $"http://127.0.0.1:{FreePort.Next()}";
        _listener.Prefixes.Add(Address + "/");
        _listener.Start();
        _ = Serve();
    }

    /// <summary>The endpoint to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (protocol http/protobuf).</summary>
    public string Address { get; }

    public int Exports(string path) => _exports.GetValueOrDefault(path);

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            try
            {
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                _exports.AddOrUpdate(context.Request.Url!.AbsolutePath, 1, (_, n) => n + 1);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
            catch (Exception error) when (error is HttpListenerException or IOException) { }
        }
    }

    public void Dispose() => _listener.Close();
}
