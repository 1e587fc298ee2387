using Cascade.Notifications;
using Cascade.Notifications.Channels;
using MimeKit;

namespace Cascade.Tests.Notifications;

/// <summary>
/// The smtp channel against a real SMTP server on loopback: STARTTLS on a self-signed certificate
/// trusted by its thumbprint, sign-in, the delivery id in a header and the Message-Id, subject and
/// both bodies; refusals (a wrong password, no STARTTLS, an untrusted certificate, nobody
/// listening) are answers not delivered, with no password in them.
/// </summary>
public sealed class SmtpChannelTests
{
    private const string Password = "p@ss-word-of-the-mail-account";

    private static ChannelOptions Options(SmtpReceiver server, string? thumbprint, string password = Password) => new()
    {
        Type = "smtp",
        Host = "127.0.0.1",
        Port = server.Port,
        Username = SmtpReceiver.User,
        Password = password,
        From = "Cascade <cascade@example.gov.cn>",
        To = ["duban@example.gov.cn", "leader@example.gov.cn"],
        CertificateThumbprint = thumbprint,
    };

    [Fact]
    public async Task A_message_goes_over_starttls_to_a_server_trusted_by_thumbprint_with_its_delivery_id_subject_and_bodies()
    {
        using var server = new SmtpReceiver(Password);
        var log = new Messages.Lines();
        var message = Messages.Grouped();
        var answer = await new SmtpChannel("mail", Options(server, server.Thumbprint), Messages.Text, log).SendAsync(message, CancellationToken.None);
        Assert.True(answer.Delivered, answer.Answer);
        Assert.Equal(250, answer.Status);

        var (to, mail) = Assert.Single(server.Messages);
        Assert.Equal(["duban@example.gov.cn", "leader@example.gov.cn"], to);
        Assert.Equal("【红】Cascade 预警 · 第一党支部（1 条）", mail.Subject);
        Assert.Equal("cascade@example.gov.cn", mail.From.Mailboxes.Single().Address);
        Assert.Equal(message.DeliveryId, mail.Headers[SmtpChannel.DeliveryHeader]);
        Assert.Equal(SmtpChannel.MessageId(message.DeliveryId, "example.gov.cn"), mail.MessageId);
        Assert.StartsWith("route-a-", mail.MessageId);
        Assert.Contains("任务「主题党日」已逾期（截止 2026-02-28）", mail.TextBody);
        Assert.Contains("https://cascade.example.gov.cn/app/alerts?unit=b1&alert=b1.1", mail.TextBody);
        Assert.Contains("<a href=\"https://cascade.example.gov.cn/app/alerts?unit=b1&amp;alert=b1.1\">在督办台账中查看</a>", mail.HtmlBody);
        Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.All(log.Written, line => Assert.DoesNotContain(Password, line));
    }

    [Fact]
    public async Task A_repeat_of_one_delivery_carries_the_same_ids()
    {
        using var server = new SmtpReceiver(Password);
        var channel = new SmtpChannel("mail", Options(server, server.Thumbprint), Messages.Text, new Messages.Lines());
        var message = Messages.Grouped();
        Assert.True((await channel.SendAsync(message, CancellationToken.None)).Delivered);
        Assert.True((await channel.SendAsync(message, CancellationToken.None)).Delivered);
        var ids = server.Messages.Select(m => (m.Message.MessageId, m.Message.Headers[SmtpChannel.DeliveryHeader])).Distinct().ToList();
        Assert.Equal(2, server.Messages.Count);
        Assert.Single(ids);
    }

    [Fact]
    public async Task A_self_signed_certificate_not_named_by_thumbprint_is_refused()
    {
        using var server = new SmtpReceiver(Password);
        var other = new string('a', 64);
        foreach (var thumbprint in new string?[] { null, other })
        {
            var answer = await new SmtpChannel("mail", Options(server, thumbprint), Messages.Text, new Messages.Lines()).SendAsync(Messages.Grouped(), CancellationToken.None);
            Assert.False(answer.Delivered);
            Assert.Null(answer.Status);
            Assert.Contains("certificate", answer.Answer, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_server_without_starttls_gets_nothing_not_even_the_password()
    {
        using var server = new SmtpReceiver(Password, tls: false);
        var answer = await new SmtpChannel("mail", Options(server, null), Messages.Text, new Messages.Lines()).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(answer.Delivered);
        Assert.Contains("STARTTLS", answer.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_servers_reply_and_without_the_password()
    {
        using var server = new SmtpReceiver(Password);
        var log = new Messages.Lines();
        var wrong = "wrong-" + Password;
        var answer = await new SmtpChannel("mail", Options(server, server.Thumbprint, wrong), Messages.Text, log).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(answer.Delivered);
        Assert.False(string.IsNullOrEmpty(answer.Answer));
        Assert.DoesNotContain(wrong, answer.Answer);
        Assert.All(log.Written, line => Assert.DoesNotContain(wrong, line));
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_server_that_never_greets_is_given_up_after_10_seconds()
    {
        using var hung = new SilentListener();
        var options = new ChannelOptions { Type = "smtp", Host = "127.0.0.1", Port = hung.Port, From = "cascade@example.gov.cn", To = ["a@example.gov.cn"] };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var answer = await new SmtpChannel("mail", options, Messages.Text, new Messages.Lines()).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(answer.Delivered);
        Assert.Equal("no answer within 10 s", answer.Answer);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_server_nobody_runs_is_an_answer_not_delivered()
    {
        var options = new ChannelOptions { Type = "smtp", Host = "127.0.0.1", Port = FreePort.Next(), From = "cascade@example.gov.cn", To = ["a@example.gov.cn"] };
        var answer = await new SmtpChannel("mail", options, Messages.Text, new Messages.Lines()).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(answer.Delivered);
        Assert.Contains("refused", answer.Answer, StringComparison.OrdinalIgnoreCase);
    }
}
