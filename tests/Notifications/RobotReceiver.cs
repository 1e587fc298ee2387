using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cascade.Tests.Notifications;

/// <summary>
/// A group robot on loopback that checks what the real service checks and answers as it does:
/// 企业微信 (<c>/cgi-bin/webhook/send?key=</c>: the key, the markdown body's shape, content at most
/// 4096 bytes) or 钉钉 (<c>/robot/send?access_token=</c>: the token, with a secret the
/// <c>timestamp</c> within an hour of its clock and the <c>sign</c> recomputed, the markdown's title
/// and text). <see cref="Answer"/> can make it fail as a broken service would (HTTP 500).
/// </summary>
public sealed class RobotReceiver : IAsyncDisposable
{
    public enum Service { WeCom, DingTalk }

    public sealed record Received(string PathAndQuery, string ContentType, string Body, JsonElement? Json);

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Service _service;
    private readonly string _token;
    private readonly string? _secret;

    public RobotReceiver(Service service, string token, string? secret = null)
    {
        (_service, _token, _secret) = (service, token, secret);
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public int Port { get; }

    /// <summary>The robot's address as its service hands it out.</summary>
    public string Url => _service == Service.WeCom
        ? $"http://127.0.0.1:{Port}/cgi-bin/webhook/send?key={_token}"
        : $"http://127.0.0.1:{Port}/robot/send?access_token={_token}";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>When set, every request is answered with this HTTP status instead (a broken service).</summary>
    public HttpStatusCode? Answer { get; set; }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            JsonElement? json = null;
            try { json = JsonDocument.Parse(body).RootElement.Clone(); } catch (JsonException) { }
            Requests.Enqueue(new Received(context.Request.Url!.PathAndQuery, context.Request.ContentType ?? "", body, json));
            var (status, errcode, errmsg) = Answer is { } broken ? ((int)broken, -1, "system busy") : Check(context.Request, json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            var answer = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { errcode, errmsg }));
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private (int Status, int Errcode, string Errmsg) Check(HttpListenerRequest request, JsonElement? json)
    {
        var query = request.QueryString;
        if (_service == Service.WeCom)
        {
            if (request.Url!.AbsolutePath != "/cgi-bin/webhook/send" || query["key"] != _token) return (200, 93000, "invalid webhook url, hint: [x]");
            if (json is not { ValueKind: JsonValueKind.Object } j || Text(j, "msgtype") != "markdown"
                || !j.TryGetProperty("markdown", out var markdown) || Text(markdown, "content") is not { Length: > 0 } content)
                return (200, 40008, "invalid message type");
            if (Encoding.UTF8.GetByteCount(content) > 4096) return (200, 40058, "markdown.content exceed max length 4096");
            return (200, 0, "ok");
        }
        if (request.Url!.AbsolutePath != "/robot/send" || query["access_token"] != _token) return (200, 300001, "token is not exist");
        if (_secret is not null)
        {
            if (!long.TryParse(query["timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || query["sign"] is not { } sign)
                return (200, 310000, "sign not match");
            if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - timestamp) > 3_600_000) return (200, 310000, "timestamp expired");
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret),
                Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}\n{_secret}")));
            if (sign != expected) return (200, 310000, "sign not match");
        }
        if (json is not { ValueKind: JsonValueKind.Object } d || Text(d, "msgtype") != "markdown" || !d.TryGetProperty("markdown", out var md)
            || Text(md, "title") is not { Length: > 0 } || Text(md, "text") is not { Length: > 0 })
            return (200, 40035, "缺少参数 json");
        return (200, 0, "ok");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }
}
