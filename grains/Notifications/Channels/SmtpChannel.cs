using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cascade.Notifications.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Cascade.Notifications.Channels;

/// <summary>
/// <c>smtp</c>: mail through MailKit to <c>Host</c>:<c>Port</c> (587), STARTTLS required, signed in
/// with <c>Username</c>/<c>Password</c> when given, from <c>From</c> to every <c>To</c>. The
/// server's certificate must be valid, or be the one whose SHA-256 thumbprint is
/// <c>CertificateThumbprint</c> (an intranet server with its own certificate); nothing else is
/// accepted. The delivery id is the <c>X-Cascade-Delivery</c> header and the <c>Message-Id</c>'s
/// local part, so a repeat is recognisable. The answer is the server's reply code and text.
/// </summary>
public sealed class SmtpChannel(string name, ChannelOptions options, NotifyTextSettings text, ILogger logger) : INotifyChannel
{
    public const string TypeName = "smtp";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ChannelSecrets _secrets = new([options.Password]);
    private readonly string? _thumbprint = Thumbprint(options.CertificateThumbprint);

    public string Name => name;
    public string Type => TypeName;

    /// <summary>A thumbprint as written (any case, with or without colons or spaces) as 64 upper-case hex digits; null when unset.</summary>
    public static string? Thumbprint(string? written) =>
        string.IsNullOrWhiteSpace(written) ? null : new string([.. written.Where(char.IsAsciiHexDigit)]).ToUpperInvariant();

    public async Task<DeliveryAnswer> SendAsync(NotifyMessage message, CancellationToken cancellationToken)
    {
        DeliveryAnswer answer;
        try
        {
            using var mail = Mail(message);
            using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds, ServerCertificateValidationCallback = Trusted };
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(Timeout);
                await client.ConnectAsync(options.Host!.Trim(), options.Port, SecureSocketOptions.StartTls, connecting.Token);
            }
            if (!string.IsNullOrEmpty(options.Username)) await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            var reply = await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            answer = new DeliveryAnswer(true, 250, _secrets.Clean(reply));
        }
        catch (SmtpCommandException refused)
        {
            answer = new DeliveryAnswer(false, (int)refused.StatusCode, _secrets.Clean(refused.Message));
        }
        catch (AuthenticationException refused)
        {
            answer = new DeliveryAnswer(false, null, _secrets.Clean($"sign-in refused: {refused.Message}"));
        }
        catch (Exception silent) when (silent is TimeoutException || silent.InnerException is TimeoutException
            || silent is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            answer = new DeliveryAnswer(false, null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception failed) when (failed is SocketException or IOException or ProtocolException or SslHandshakeException or NotSupportedException or ServiceNotConnectedException)
        {
            answer = new DeliveryAnswer(false, null, _secrets.Clean(Describe(failed)));
        }
        if (answer.Delivered)
            logger.LogInformation("Notification {DeliveryId} delivered through channel {Channel} (smtp).", message.DeliveryId, name);
        else
            logger.LogWarning("Notification {DeliveryId} not delivered through channel {Channel} (smtp): status {Status}, {Answer}",
                message.DeliveryId, name, answer.Status, answer.Answer);
        return answer;
    }

    private MimeMessage Mail(NotifyMessage message)
    {
        var content = NotifyText.Of(message, text.PublicUrl, text.Zone);
        var from = MailboxAddress.Parse(options.From!);
        var mail = new MimeMessage { Subject = content.Title, Date = message.SentAt };
        mail.From.Add(from);
        foreach (var to in options.To) mail.To.Add(MailboxAddress.Parse(to));
        mail.Headers.Add(DeliveryHeader, message.DeliveryId);
        mail.MessageId = MessageId(message.DeliveryId, from.Domain);
        mail.Body = new BodyBuilder { TextBody = content.Plain(), HtmlBody = content.Html() }.ToMessageBody();
        return mail;
    }

    public const string DeliveryHeader = "X-Cascade-Delivery";

    /// <summary>The <c>Message-Id</c> of every attempt of one delivery: its id (characters an address may not hold as <c>-</c>) at the sender's domain.</summary>
    public static string MessageId(string deliveryId, string? domain)
    {
        var local = new string([.. deliveryId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]).Trim('.');
        return $"{(local.Length == 0 ? "cascade" : local)}@{(string.IsNullOrEmpty(domain) ? "cascade.invalid" : domain)}";
    }

    /// <summary>A valid certificate, or exactly the configured one.</summary>
    private bool Trusted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (_thumbprint is null || certificate is null) return false;
        var hash = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(hash), System.Text.Encoding.ASCII.GetBytes(_thumbprint));
    }

    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException) parts.Add(e.Message);
        return string.Join(": ", parts.Distinct());
    }
}
