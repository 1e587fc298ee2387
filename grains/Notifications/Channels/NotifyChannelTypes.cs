using Cascade.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Cascade.Notifications.Channels;

/// <summary>
/// The channel types <c>wecom</c>, <c>dingtalk</c> and <c>smtp</c>: made from their settings
/// (<c>Cascade:Notify:Channels:{name}</c>), and the settings checked before anything is sent.
/// Errors name the setting, never its value (an address may hold a key).
/// </summary>
public static class NotifyChannelTypes
{
    public const string Webhook = "webhook";
    public static readonly IReadOnlyList<string> Known = [Webhook, WeComChannel.TypeName, DingTalkChannel.TypeName, SmtpChannel.TypeName];

    /// <summary>The channel for a <c>wecom</c>, <c>dingtalk</c> or <c>smtp</c> channel's settings; null for any other type.</summary>
    public static INotifyChannel? Create(string name, ChannelOptions options, IServiceProvider services)
    {
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Cascade.Notifications.Channels") ?? NullLogger.Instance;
        var text = TextSettings(services);
        return Type(options) switch
        {
            WeComChannel.TypeName => new WeComChannel(name, options, text, logger),
            DingTalkChannel.TypeName => new DingTalkChannel(name, options, text, logger, TimeProvider.System),
            SmtpChannel.TypeName => new SmtpChannel(name, options, text, logger),
            _ => null,
        };
    }

    /// <summary><c>Cascade:PublicUrl</c> and the organization's zone, as the services have them.</summary>
    public static NotifyTextSettings TextSettings(IServiceProvider services)
    {
        var publicUrl = services.GetService<IConfiguration>()?["Cascade:PublicUrl"]?.Trim().TrimEnd('/');
        var zone = services.GetService<DomainClock>()?.Zone ?? TimeZoneInfo.Utc;
        return new NotifyTextSettings(string.IsNullOrEmpty(publicUrl) ? null : publicUrl, zone);
    }

    private static string Type(ChannelOptions options) => options.Type.Trim().ToLowerInvariant();

    /// <summary>What is wrong with one channel's settings; empty when nothing is.</summary>
    public static IReadOnlyList<string> Validate(string name, ChannelOptions options)
    {
        var errors = new List<string>();
        var at = $"{NotifyOptions.Section}:Channels:{name}";
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors.Add($"{at}: a channel's name is 1 to 64 letters, digits, '-' or '_'.");
        var type = Type(options);
        switch (type)
        {
            case Webhook:
                CheckUrl(errors, at, options.Url);
                if (string.IsNullOrEmpty(options.Secret)) errors.Add($"{at}:Secret is required: it signs every delivery.");
                break;
            case WeComChannel.TypeName:
                CheckUrl(errors, at, options.Url);
                break;
            case DingTalkChannel.TypeName:
                CheckUrl(errors, at, options.Url);
                break;
            case SmtpChannel.TypeName:
                CheckMail(errors, at, options);
                break;
            default:
                errors.Add($"{at}:Type must be one of {string.Join(", ", Known)}; it is '{options.Type}'.");
                break;
        }
        return errors;
    }

    /// <summary>An absolute https address; plain http only to this machine (a receiver on loopback).</summary>
    private static void CheckUrl(List<string> errors, string at, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) errors.Add($"{at}:Url is required.");
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            errors.Add($"{at}:Url must be an absolute https address without a fragment or a user name.");
        else if (uri.Scheme == "http" && !uri.IsLoopback)
            errors.Add($"{at}:Url must use https (plain http only to a receiver on this machine).");
    }

    private static void CheckMail(List<string> errors, string at, ChannelOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) errors.Add($"{at}:Host is required.");
        else if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown) errors.Add($"{at}:Host is not a host name or address.");
        if (options.Port is < 1 or > 65535) errors.Add($"{at}:Port must be from 1 to 65535.");
        if (string.IsNullOrWhiteSpace(options.From)) errors.Add($"{at}:From is required.");
        else if (!IsAddress(options.From)) errors.Add($"{at}:From is not a mail address.");
        if (options.To.Count == 0) errors.Add($"{at}:To needs at least one address.");
        for (var i = 0; i < options.To.Count; i++)
            if (!IsAddress(options.To[i])) errors.Add($"{at}:To:{i} is not a mail address.");
        if (!string.IsNullOrEmpty(options.Username) && string.IsNullOrEmpty(options.Password)) errors.Add($"{at}:Password is required with a Username.");
        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.Username)) errors.Add($"{at}:Username is required with a Password.");
        if (options.CertificateThumbprint is { } written && !string.IsNullOrWhiteSpace(written)
            && (SmtpChannel.Thumbprint(written)!.Length != 64 || written.Any(c => !char.IsAsciiHexDigit(c) && c is not (':' or ' ' or '-'))))
            errors.Add($"{at}:CertificateThumbprint must be a SHA-256 thumbprint: 64 hexadecimal digits.");
    }

    private static bool IsAddress(string? text) =>
        text is not null && MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@') && mailbox.Domain.Length > 0;
}
