using Cascade.Notifications;
using Cascade.Notifications.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Notifications;

/// <summary>Channel settings are checked before anything is sent, and every error names the setting, never a secret.</summary>
public sealed class NotifyChannelTypesTests
{
    [Fact]
    public void Good_settings_of_each_type_have_no_errors_and_make_their_channel()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var wecom = new ChannelOptions { Type = "wecom", Url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" };
        var dingtalk = new ChannelOptions { Type = "DingTalk", Url = "https://oapi.dingtalk.com/robot/send?access_token=t", Secret = "SECx" };
        var smtp = new ChannelOptions { Type = "smtp", Host = "mail.example.gov.cn", From = "cascade@example.gov.cn", To = ["a@example.gov.cn"], Username = "u", Password = "p",
            CertificateThumbprint = "AB:" + string.Join(':', Enumerable.Repeat("cd", 31)) };
        var loopback = new ChannelOptions { Type = "wecom", Url = "http://127.0.0.1:8080/send?key=k" };
        foreach (var options in new[] { wecom, dingtalk, smtp, loopback })
            Assert.Empty(NotifyChannelTypes.Validate("ops", options));
        Assert.IsType<WeComChannel>(NotifyChannelTypes.Create("ops", wecom, services));
        Assert.IsType<DingTalkChannel>(NotifyChannelTypes.Create("ops", dingtalk, services));
        Assert.IsType<SmtpChannel>(NotifyChannelTypes.Create("ops", smtp, services));
        Assert.Null(NotifyChannelTypes.Create("ops", new ChannelOptions { Type = "webhook", Url = "https://x.example", Secret = "s" }, services));
    }

    [Theory]
    [InlineData("wecom", null, "Url is required")]
    [InlineData("wecom", "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key", "must use https")]
    [InlineData("dingtalk", "ftp://oapi.dingtalk.com/robot/send?access_token=secret-key", "absolute https address")]
    [InlineData("dingtalk", "not a url secret-key", "absolute https address")]
    [InlineData("pager", "https://x.example/?key=secret-key", "Type must be one of webhook, wecom, dingtalk, smtp")]
    [InlineData("webhook", "https://x.example/?key=secret-key", "Secret is required")]
    public void Wrong_addresses_and_types_are_named_without_their_value(string type, string? url, string error)
    {
        var errors = NotifyChannelTypes.Validate("ops", new ChannelOptions { Type = type, Url = url });
        Assert.Contains(errors, e => e.StartsWith("Cascade:Notify:Channels:ops", StringComparison.Ordinal) && e.Contains(error, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("secret-key", e));
    }

    [Fact]
    public void Mail_settings_name_each_missing_or_wrong_field()
    {
        var errors = NotifyChannelTypes.Validate("mail", new ChannelOptions
        {
            Type = "smtp", Port = 0, From = "not an address", To = ["ok@example.gov.cn", "nobody"], Username = "u", Password = null, CertificateThumbprint = "12:34",
        });
        foreach (var error in new[] { "Host is required", "Port must be", "From is not a mail address", "To:1 is not a mail address", "Password is required", "CertificateThumbprint must be" })
            Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("To:0", StringComparison.Ordinal));
        Assert.Contains("To needs at least one address", string.Join('\n', NotifyChannelTypes.Validate("mail", new ChannelOptions { Type = "smtp", Host = "h", From = "a@b.cn" })));
    }
}

/// <summary>The configured channels: made by name from <c>Cascade:Notify:Channels</c>; wrong settings are named at start, never a secret.</summary>
public sealed class ConfiguredChannelsTests
{
    private static NotifyOptions Options(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(NotifyOptions.Section).Get<NotifyOptions>() ?? new NotifyOptions();

    [Fact]
    public void Channels_are_found_by_their_configured_name()
    {
        using var channels = new NotifyChannels(Options(new()
        {
            ["Cascade:Notify:Channels:ops:Type"] = "wecom",
            ["Cascade:Notify:Channels:ops:Url"] = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
            ["Cascade:Notify:Channels:mail:Type"] = "smtp",
            ["Cascade:Notify:Channels:mail:Host"] = "mail.example.gov.cn",
            ["Cascade:Notify:Channels:mail:From"] = "cascade@example.gov.cn",
            ["Cascade:Notify:Channels:mail:To:0"] = "a@example.gov.cn",
            ["Cascade:Notify:Channels:hook:Type"] = "webhook",
            ["Cascade:Notify:Channels:hook:Url"] = "https://hooks.example.gov.cn/cascade",
            ["Cascade:Notify:Channels:hook:Secret"] = "s",
        }), new ServiceCollection().BuildServiceProvider());
        Assert.Equal(3, channels.All.Count);
        Assert.Equal("wecom", channels.Find("ops")!.Type);
        Assert.Equal("smtp", channels.Find("mail")!.Type);
        Assert.Equal("webhook", channels.Find("hook")!.Type);
        Assert.Null(channels.Find("OPS"));
    }

    [Fact]
    public void Wrong_settings_stop_with_every_error_and_no_secret()
    {
        var result = new NotifyOptionsValidation().Validate(null, Options(new()
        {
            ["Cascade:Notify:Channels:ops:Type"] = "wecom",
            ["Cascade:Notify:Channels:ops:Url"] = "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=the-key",
            ["Cascade:Notify:Channels:mail:Type"] = "smtp",
        }));
        Assert.True(result.Failed);
        Assert.Contains("Cascade:Notify:Channels:ops:Url must use https", result.FailureMessage);
        Assert.Contains("Cascade:Notify:Channels:mail:Host is required", result.FailureMessage);
        Assert.DoesNotContain("the-key", result.FailureMessage);
    }
}
