using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Notifications;

/// <summary>
/// <c>POST /api/v1/notify/channels/{name}/test</c>: admins send a test message through a
/// configured channel and read what the receiver answered (a refusal is still a 200, with
/// delivered false); anyone else 403, an unknown channel 404; audited without secrets.
/// </summary>
public sealed class ChannelTestApiTests(ChannelTestApiTests.App app) : IClassFixture<ChannelTestApiTests.App>
{
    private const string Key = "wecom-key-0ec2sifa5aaa";
    private const string Token = "dingtalk-token-603843651aa2";
    private const string Secret = "SEC-the-robots-secret";

    public sealed class App : ApiApp
    {
        public App() : this(new RobotReceiver(RobotReceiver.Service.WeCom, Key), new RobotReceiver(RobotReceiver.Service.DingTalk, Token, Secret)) { }

        private App(RobotReceiver wecom, RobotReceiver dingtalk) : base(new()
        {
            ["Cascade:PublicUrl"] = "https://cascade.example.gov.cn",
            ["Cascade:Notify:Channels:ops:Type"] = "wecom",
            ["Cascade:Notify:Channels:ops:Url"] = wecom.Url,
            // A secret the robot does not know: it refuses every message.
            ["Cascade:Notify:Channels:leaders:Type"] = "dingtalk",
            ["Cascade:Notify:Channels:leaders:Url"] = dingtalk.Url,
            ["Cascade:Notify:Channels:leaders:Secret"] = "SEC-a-wrong-secret",
        }) => (WeCom, DingTalk) = (wecom, dingtalk);

        public RobotReceiver WeCom { get; }
        public RobotReceiver DingTalk { get; }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await WeCom.DisposeAsync();
            await DingTalk.DisposeAsync();
        }
    }

    private static Task<HttpResponseMessage> Test(HttpClient client, string name, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/notify/channels/{name}/test", body ?? new { });

    [Fact]
    public async Task An_admin_sends_a_test_message_and_reads_the_receivers_answer()
    {
        var admin = await app.Client();
        var before = app.WeCom.Requests.Count;
        var answer = await (await Test(admin, "ops")).Expect(HttpStatusCode.OK);
        Assert.Equal("ops", answer.GetProperty("channel").GetString());
        Assert.Equal("wecom", answer.GetProperty("type").GetString());
        Assert.True(answer.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal("{\"errcode\":0,\"errmsg\":\"ok\"}", answer.GetProperty("answer").GetString());
        var sent = app.WeCom.Requests.Skip(before).Single().Json!.Value.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("Cascade 测试消息", sent);
        Assert.Contains("这是 Cascade（https://cascade.example.gov.cn）发出的测试消息", sent);

        var english = await (await Test(admin, "ops", new { language = "en" })).Expect(HttpStatusCode.OK);
        Assert.True(english.GetProperty("delivered").GetBoolean());
        Assert.Contains("This is a test message from Cascade", app.WeCom.Requests.Last().Body);
    }

    [Fact]
    public async Task A_receivers_refusal_is_a_200_not_delivered_without_any_secret_and_audited()
    {
        var admin = await app.Client();
        var response = await Test(admin, "leaders");
        var text = await response.Content.ReadAsStringAsync();
        var answer = await response.Expect(HttpStatusCode.OK);
        Assert.False(answer.GetProperty("delivered").GetBoolean());
        Assert.Contains("sign not match", answer.GetProperty("answer").GetString());
        foreach (var secret in new[] { "SEC-a-wrong-secret", Token, Key }) Assert.DoesNotContain(secret, text);

        var audit = await (await admin.GetAsync("/api/v1/audit?limit=50")).Expect(HttpStatusCode.OK);
        var entry = audit.EnumerateArray().First(e => e.GetProperty("action").GetString() == "notify.test"
            && e.GetProperty("after").ToString().Contains("\"leaders\"", StringComparison.Ordinal));
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
        Assert.Contains("\"delivered\":false", entry.GetProperty("after").ToString());
        Assert.DoesNotContain(Token, audit.ToString());
        Assert.DoesNotContain("SEC-a-wrong-secret", audit.ToString());
        Assert.DoesNotContain(app.Logs.Messages, line => line.Contains("SEC-a-wrong-secret", StringComparison.Ordinal) || line.Contains(Token, StringComparison.Ordinal) || line.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_admins_may_test_an_unknown_channel_is_404_and_bad_input_400()
    {
        var admin = await app.Client();
        var before = app.WeCom.Requests.Count;
        foreach (var role in new[] { "leader", "viewer", "editor" })
        {
            var username = Api.Id(role);
            await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = "a-long-password", displayName = "用户", role, unitId = role == "editor" ? ApiApp.Root : null }))
                .Expect(HttpStatusCode.Created);
            var person = app.CreateClient(await app.SignIn(username, "a-long-password"));
            var refused = await Test(person, "ops");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Test(person, "nothing-here")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Test(app.CreateAnonymousClient(), "ops")).StatusCode);
        Assert.Equal(before, app.WeCom.Requests.Count);

        var unknown = await Test(admin, "nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await Test(admin, "ops", new { language = "fr" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PostAsync("/api/v1/notify/channels/ops/test", new StringContent("{}"))).StatusCode);
        Assert.Equal(before, app.WeCom.Requests.Count);
    }
}
