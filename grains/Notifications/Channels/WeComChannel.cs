using Microsoft.Extensions.Logging;

namespace Cascade.Notifications.Channels;

/// <summary>
/// <c>wecom</c>: a 企业微信 group robot. POSTs <c>{"msgtype":"markdown","markdown":{"content"}}</c>
/// to the robot's webhook address (<c>Url</c>, whose <c>key</c> is its secret), the content at most
/// <see cref="MaxContentBytes"/> bytes of UTF-8 as the service documents (群机器人配置说明,
/// developer.work.weixin.qq.com/document/path/91770); it answers <c>{"errcode":0,"errmsg":"ok"}</c>.
/// </summary>
public sealed class WeComChannel(string name, ChannelOptions options, NotifyTextSettings text, ILogger logger, HttpMessageHandler? handler = null)
    : RobotChannel(name, options, text, logger, handler)
{
    public const string TypeName = "wecom";
    public const int MaxContentBytes = 4096;

    public override string Type => TypeName;

    protected override ChannelSecrets Secrets { get; } = new([options.Secret, .. ChannelSecrets.QueryValues(options.Url, "key")]);

    protected override (string Url, object Body, string? Signature) Request(NotifyMessage message) =>
        (Options.Url!, new { msgtype = "markdown", markdown = new { content = Content(message).Markdown(MaxContentBytes) } }, null);
}
