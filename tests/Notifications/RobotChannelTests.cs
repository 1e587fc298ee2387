using System.Net;
using System.Text;
using Cascade.Notifications;
using Cascade.Notifications.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Notifications;

/// <summary>
/// The 企业微信 and 钉钉 channels against robots on loopback that check what the services check
/// and answer as they do: delivered on errcode 0; every refusal or failure an answer not
/// delivered, with the robot's words kept and no secret in the answer or the log.
/// </summary>
public sealed class RobotChannelTests
{
    private const string Key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private const string Token = "e9a8118c8a3dc0d0d603843651aa2ccd";
    private const string Secret = "SEC10d6e79b42bd94be0d0d603843651aa2ccd7186db6edb+/=";

    private static WeComChannel WeCom(string url, Messages.Lines log) =>
        new("ops", new ChannelOptions { Type = "wecom", Url = url }, Messages.Text, log);

    private static DingTalkChannel DingTalk(string url, Messages.Lines log, string? secret = Secret, TimeProvider? clock = null) =>
        new("leaders", new ChannelOptions { Type = "dingtalk", Url = url, Secret = secret }, Messages.Text, log, clock ?? TimeProvider.System);

    private static void NoSecretIn(DeliveryAnswer answer, Messages.Lines log, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, answer.Answer ?? "");
            Assert.DoesNotContain(Uri.EscapeDataString(secret), answer.Answer ?? "");
            Assert.All(log.Written, line => Assert.DoesNotContain(secret, line));
        }
    }

    [Fact]
    public async Task WeCom_sends_the_markdown_the_robot_takes_and_is_delivered_on_errcode_0()
    {
        await using var robot = new RobotReceiver(RobotReceiver.Service.WeCom, Key);
        var log = new Messages.Lines();
        var answer = await WeCom(robot.Url, log).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.True(answer.Delivered, answer.Answer);
        Assert.Equal(200, answer.Status);
        Assert.Equal("{\"errcode\":0,\"errmsg\":\"ok\"}", answer.Answer);
        var request = Assert.Single(robot.Requests);
        Assert.StartsWith("application/json", request.ContentType);
        var content = request.Json!.Value.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("任务「主题党日」已逾期（截止 2026-02-28）", content);
        Assert.Contains("[在督办台账中查看](https://cascade.example.gov.cn/app/alerts?unit=b1&alert=b1.1)", content);
        NoSecretIn(answer, log, Key);
    }

    [Fact]
    public async Task WeCom_cuts_a_long_message_to_4096_bytes_so_the_robot_takes_it()
    {
        await using var robot = new RobotReceiver(RobotReceiver.Service.WeCom, Key);
        var items = Enumerable.Range(1, 30).Select(n => Messages.Overdue(new string('长', 120) + n, n: n)).ToArray();
        var answer = await WeCom(robot.Url, new()).SendAsync(Messages.Grouped("zh", items), CancellationToken.None);
        Assert.True(answer.Delivered, answer.Answer);
        var content = Assert.Single(robot.Requests).Json!.Value.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.InRange(Encoding.UTF8.GetByteCount(content), 3000, 4096);
        Assert.Matches("另有 [0-9]+ 条", content);
    }

    [Fact]
    public async Task WeCom_refusals_are_not_delivered_and_keep_the_answer_without_the_key()
    {
        await using var robot = new RobotReceiver(RobotReceiver.Service.WeCom, Key);
        var log = new Messages.Lines();
        // A key the robot does not know: HTTP 200 with an errcode.
        var wrong = await WeCom(robot.Url.Replace(Key, "not-" + Key), log).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(wrong.Delivered);
        Assert.Equal(200, wrong.Status);
        Assert.Contains("93000", wrong.Answer);
        NoSecretIn(wrong, log, Key, "not-" + Key);

        robot.Answer = HttpStatusCode.InternalServerError;
        var broken = await WeCom(robot.Url, log).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(broken.Delivered);
        Assert.Equal(500, broken.Status);
        Assert.Contains("system busy", broken.Answer);
        NoSecretIn(broken, log, Key);
    }

    [Fact]
    public async Task A_robot_nobody_listens_at_is_an_answer_not_delivered_not_an_exception()
    {
        var port = FreePort.Next();
        var log = new Messages.Lines();
        var answer = await WeCom($"http://127.0.0.1:{port}/cgi-bin/webhook/send?key={Key}", log).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(answer.Delivered);
        Assert.Null(answer.Status);
        Assert.Contains("refused", answer.Answer, StringComparison.OrdinalIgnoreCase);
        NoSecretIn(answer, log, Key);
        Assert.Contains(log.Written, line => line.Contains("not delivered through channel ops", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_robot_that_never_answers_is_given_up_after_10_seconds()
    {
        using var hung = new SilentListener();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var answer = await WeCom($"http://127.0.0.1:{hung.Port}/cgi-bin/webhook/send?key={Key}", new()).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(answer.Delivered);
        Assert.Equal("no answer within 10 s", answer.Answer);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task DingTalk_signs_with_the_timestamp_and_secret_and_the_robot_accepts_the_markdown()
    {
        await using var robot = new RobotReceiver(RobotReceiver.Service.DingTalk, Token, Secret);
        var log = new Messages.Lines();
        var answer = await DingTalk(robot.Url, log).SendAsync(Messages.Grouped("en"), CancellationToken.None);
        Assert.True(answer.Delivered, answer.Answer);
        var request = Assert.Single(robot.Requests);
        Assert.Contains("&timestamp=", request.PathAndQuery);
        Assert.Contains("&sign=", request.PathAndQuery);
        var markdown = request.Json!.Value.GetProperty("markdown");
        Assert.Equal("[red] Cascade alerts · 第一党支部 (1)", markdown.GetProperty("title").GetString());
        Assert.Contains("Task “主题党日” is overdue (due 2026-02-28)", markdown.GetProperty("text").GetString());
        NoSecretIn(answer, log, Secret, Token);
    }

    [Fact]
    public async Task DingTalk_refuses_a_wrong_secret_and_a_clock_an_hour_off_and_the_answer_keeps_no_secret()
    {
        await using var robot = new RobotReceiver(RobotReceiver.Service.DingTalk, Token, Secret);
        var log = new Messages.Lines();
        var wrong = await DingTalk(robot.Url, log, secret: "SECnot-the-secret").SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(wrong.Delivered);
        Assert.Contains("sign not match", wrong.Answer);
        NoSecretIn(wrong, log, "SECnot-the-secret", Token);

        var late = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(61));
        var expired = await DingTalk(robot.Url, log, clock: late).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(expired.Delivered);
        Assert.Contains("timestamp expired", expired.Answer);

        var unsigned = await DingTalk(robot.Url, log, secret: null).SendAsync(Messages.Grouped(), CancellationToken.None);
        Assert.False(unsigned.Delivered);
        Assert.Equal(3, robot.Requests.Count);
        NoSecretIn(unsigned, log, Secret, Token);
    }

    [Fact]
    public void DingTalk_signature_is_the_documented_one()
    {
        // The value of 钉钉's documented Python example (hmac.new(secret, timestamp + "\n" + secret, sha256), base64) for these inputs.
        Assert.Equal("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=", DingTalkChannel.Sign(1577262236757, "this is secret"));
    }
}
