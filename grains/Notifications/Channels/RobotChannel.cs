using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cascade.Notifications.Text;
using Microsoft.Extensions.Logging;

namespace Cascade.Notifications.Channels;

/// <summary>
/// A group robot of a chat service (企业微信, 钉钉): one HTTPS POST of a JSON body to the
/// robot's address; delivered when the answer is HTTP 200 and its JSON <c>errcode</c> is 0, as both
/// services document. Never throws for a refusal or an unreachable robot; gives up after
/// <see cref="Timeout"/>; follows no redirect (the body would go somewhere else).
/// </summary>
public abstract class RobotChannel : INotifyChannel
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly ILogger _logger;

    protected RobotChannel(string name, ChannelOptions options, NotifyTextSettings text, ILogger logger, HttpMessageHandler? handler = null)
    {
        Name = name;
        Options = options;
        Text = text;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = Timeout };
    }

    public string Name { get; }
    public abstract string Type { get; }
    protected ChannelOptions Options { get; }
    protected NotifyTextSettings Text { get; }
    /// <summary>Every secret of this channel, to hide from answers and logs.</summary>
    protected abstract ChannelSecrets Secrets { get; }

    /// <summary>The address and JSON body of one send, and any secret made for it (a signature).</summary>
    protected abstract (string Url, object Body, string? Signature) Request(NotifyMessage message);

    public async Task<DeliveryAnswer> SendAsync(NotifyMessage message, CancellationToken cancellationToken)
    {
        var (url, body, signature) = Request(message);
        var secrets = Secrets.With(signature);
        DeliveryAnswer answer;
        try
        {
            using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _http.PostAsync(url, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var delivered = response.StatusCode == HttpStatusCode.OK && ErrorCode(text) == 0;
            answer = new DeliveryAnswer(delivered, (int)response.StatusCode, secrets.Clean(text));
        }
        catch (Exception error) when (error is HttpRequestException or IOException || error is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var what = error is TaskCanceledException || error.InnerException is TimeoutException ? $"no answer within {Timeout.TotalSeconds:0} s" : Describe(error);
            answer = new DeliveryAnswer(false, null, secrets.Clean(what));
        }
        if (answer.Delivered)
            _logger.LogInformation("Notification {DeliveryId} delivered through channel {Channel} ({Type}).", message.DeliveryId, Name, Type);
        else
            _logger.LogWarning("Notification {DeliveryId} not delivered through channel {Channel} ({Type}): status {Status}, {Answer}",
                message.DeliveryId, Name, Type, answer.Status, answer.Answer);
        return answer;
    }

    /// <summary>The message and its causes, without the address (it may hold a key).</summary>
    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException) parts.Add(e.Message);
        return string.Join(": ", parts.Distinct());
    }

    /// <summary>The <c>errcode</c> of a JSON answer, or null when the answer is not such JSON.</summary>
    public static int? ErrorCode(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errcode", out var code)
                && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected NotifyContent Content(NotifyMessage message) => NotifyText.Of(message, Text.PublicUrl, Text.Zone);
}

/// <summary>What the words of a message need from the settings: the public address (<c>Cascade:PublicUrl</c>) and the zone (<c>Cascade:TimeZone</c>).</summary>
public sealed record NotifyTextSettings(string? PublicUrl, TimeZoneInfo Zone);
