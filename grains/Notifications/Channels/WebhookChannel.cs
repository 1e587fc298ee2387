using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cascade.Notifications;

/// <summary>
/// The <c>webhook</c> channel (docs/api.md "Notifications"): POSTs the message as JSON with
/// <c>X-Cascade-Delivery: &lt;delivery id&gt;</c> and <c>X-Cascade-Signature: sha256=&lt;lowercase hex
/// HMAC-SHA256 of the body with Secret&gt;</c>. A 2xx answer is delivered; anything else, a timeout
/// (10 s) or an unreachable receiver is not, and never throws. Its answers never name the URL.
/// </summary>
public sealed class WebhookChannel : INotifyChannel, IDisposable
{
    public const string TypeName = "webhook";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Uri _url;
    private readonly byte[] _secret;
    private readonly HttpClient _http;

    public WebhookChannel(string name, ChannelOptions options, HttpMessageHandler? handler = null)
    {
        Name = name;
        _url = new Uri(options.Url!, UriKind.Absolute);
        _secret = Encoding.UTF8.GetBytes(options.Secret ?? "");
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = Timeout,
        };
    }

    public string Name { get; }
    public string Type => TypeName;

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static string Signature(byte[] secret, ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public async Task<DeliveryAnswer> SendAsync(NotifyMessage message, CancellationToken cancellationToken)
    {
        var body = WebhookBody.Write(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Cascade-Delivery", message.DeliveryId);
        request.Headers.Add("X-Cascade-Signature", Signature(_secret, body));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new DeliveryAnswer(response.IsSuccessStatusCode, (int)response.StatusCode, Cut(text));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAnswer(false, null, $"No answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException error)
        {
            return new DeliveryAnswer(false, null, $"The receiver could not be reached ({error.HttpRequestError}).");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new DeliveryAnswer(false, null, $"The request failed ({error.GetType().Name}).");
        }
    }

    private static string? Cut(string? text) => text is { Length: > 1000 } ? text[..1000] : text;

    public void Dispose() => _http.Dispose();
}

/// <summary>The webhook's JSON body (docs/api.md "Notifications": the schema and an example).</summary>
public static class WebhookBody
{
    public static byte[] Write(NotifyMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", message.DeliveryId);
            json.WriteString("sentAt", message.SentAt);
            json.WriteString("route", message.Route);
            json.WriteString("kind", message.Kind.ToString().ToLowerInvariant());
            json.WriteString("language", message.Language);
            json.WriteNumber("omitted", message.Omitted);
            json.WriteStartArray("events");
            foreach (var item in message.Items) WriteItem(json, item);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter json, NotifyItem item)
    {
        var (e, a) = (item.Event, item.Event.Alert);
        json.WriteStartObject();
        json.WriteString("id", e.Id);
        json.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
        json.WriteString("at", e.At);
        json.WriteStartObject("alert");
        json.WriteString("id", a.Id);
        json.WriteString("rule", a.Rule);
        json.WriteString("severity", a.Severity.ToString().ToLowerInvariant());
        json.WriteString("state", a.State.ToString().ToLowerInvariant());
        json.WriteString("unitId", a.UnitId);
        json.WriteStartArray("unitPath");
        foreach (var name in item.UnitPath) json.WriteStringValue(name);
        json.WriteEndArray();
        if (a.TaskId is null) json.WriteNull("taskId"); else json.WriteString("taskId", a.TaskId);
        json.WriteStartObject("figures");
        if (a.Figures?.Title is { } title) json.WriteString("title", title);
        if (a.Figures?.Due is { } due) json.WriteString("due", due.ToString("yyyy-MM-dd"));
        if (a.Figures?.Unit is { } unit) json.WriteString("unit", unit);
        if (a.Figures?.Tags is { Length: > 0 } tags)
        {
            json.WriteStartArray("tags");
            foreach (var tag in tags) json.WriteStringValue(tag);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteString("firedAt", a.FiredAt);
        if (a.ResolvedAt is { } resolved) json.WriteString("resolvedAt", resolved);
        json.WriteNumber("escalationLevel", a.EscalationLevel);
        if (a.EscalatedToUnitId is null) json.WriteNull("escalatedToUnitId"); else json.WriteString("escalatedToUnitId", a.EscalatedToUnitId);
        json.WriteEndObject();
        json.WriteString("ledgerUrl", item.LedgerUrl);
        json.WriteEndObject();
    }
}
