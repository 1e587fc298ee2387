using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Cascade.Notifications.Channels;

/// <summary>
/// <c>dingtalk</c>: a 钉钉 custom robot. POSTs <c>{"msgtype":"markdown","markdown":{"title","text"}}</c>
/// to the robot's address (<c>Url</c>, whose <c>access_token</c> is secret); with <c>Secret</c> (加签)
/// it appends <c>&amp;timestamp=&lt;ms&gt;&amp;sign=&lt;URL-encoded base64 of HMAC-SHA256(Secret,
/// timestamp + "\n" + Secret)&gt;</c>, which 钉钉 refuses when the timestamp is more than an hour
/// from its own clock (open.dingtalk.com/document/robots/customize-robot-security-settings).
/// Delivered when it answers <c>{"errcode":0,"errmsg":"ok"}</c>.
/// </summary>
public sealed class DingTalkChannel(string name, ChannelOptions options, NotifyTextSettings text, ILogger logger, TimeProvider clock, HttpMessageHandler? handler = null)
    : RobotChannel(name, options, text, logger, handler)
{
    public const string TypeName = "dingtalk";
    /// <summary>The markdown text's cap: 钉钉 refuses long messages; twenty lines never come near it.</summary>
    public const int MaxTextBytes = 15000;

    public override string Type => TypeName;

    protected override ChannelSecrets Secrets { get; } = new([options.Secret, .. ChannelSecrets.QueryValues(options.Url, "access_token")]);

    /// <summary>钉钉's signature of <paramref name="timestamp"/> (milliseconds since 1970) under <paramref name="secret"/>, before URL encoding.</summary>
    public static string Sign(long timestamp, string secret)
    {
        var stringToSign = timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
    }

    protected override (string Url, object Body, string? Signature) Request(NotifyMessage message)
    {
        var content = Content(message);
        var body = new { msgtype = "markdown", markdown = new { title = content.Title, text = content.Markdown(MaxTextBytes) } };
        if (string.IsNullOrEmpty(Options.Secret)) return (Options.Url!, body, null);
        // 钉钉 checks the timestamp against its own clock: the real time, never the domain's.
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var sign = Sign(timestamp, Options.Secret);
        var url = Options.Url! + (Options.Url!.Contains('?') ? "&" : "?") +
            $"timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}&sign={Uri.EscapeDataString(sign)}";
        return (url, body, sign);
    }
}
