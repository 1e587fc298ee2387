using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cascade.Testing;

namespace Cascade.Tests.Notifications;

/// <summary>
/// A real webhook receiver on a loopback port (HttpListener): records every request, checks its
/// signature exactly (HMAC-SHA256 of the raw body with the secret, lowercase hex), and answers
/// what <see cref="Answer"/> says for the n-th request (0 first).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _secret;
    private readonly ConcurrentQueue<Delivery> _received = new();

    public WebhookReceiver(string secret)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Loop();
    }

    public string Url { get; }
    /// <summary>The status for the n-th request (0 first); awaited, so a test can hold a request open.</summary>
    public Func<int, Task<int>> Answer { get; set; } = _ => Task.FromResult(200);
    public IReadOnlyList<Delivery> Received => [.. _received];

    public sealed record Delivery(string DeliveryId, string Signature, bool SignatureValid, JsonElement Body)
    {
        public JsonElement[] Events => [.. Body.GetProperty("events").EnumerateArray()];
        public DateTimeOffset SentAt => Body.GetProperty("sentAt").GetDateTimeOffset();
    }

    private int _count;

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Handle(context, Interlocked.Increment(ref _count) - 1);
        }
    }

    private async Task Handle(HttpListenerContext context, int index)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var raw = body.ToArray();
            var signature = context.Request.Headers["X-Cascade-Signature"] ?? "";
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, raw));
            var delivery = new Delivery(context.Request.Headers["X-Cascade-Delivery"] ?? "", signature,
                CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)),
                JsonDocument.Parse(raw).RootElement.Clone());
            _received.Enqueue(delivery);
            var status = await Answer(index);
            context.Response.StatusCode = status;
            var answer = Encoding.UTF8.GetBytes(status == 200 ? "ok" : "receiver busy");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
        catch (Exception)
        {
            // the sender went away (a killed node): nothing to answer
        }
    }

    public void Dispose()
    {
        try { _listener.Stop(); } catch (ObjectDisposedException) { }
        _listener.Close();
    }
}
