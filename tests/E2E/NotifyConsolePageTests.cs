using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Notifications;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// 通知 · Notifications in the admin console: the channel by type and host (no secret, no URL
/// path or query), the route in words, the outbox by state with a delivered message and its
/// delivery id, a test button per channel; it fits 1366x768 and a 375x667 phone in both languages.
/// </summary>
[Collection(Serial.Name)]
public sealed class NotifyConsolePageTests(Chromium chromium, NotifyConsolePageTests.Server server) : IClassFixture<Chromium>, IClassFixture<NotifyConsolePageTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        private readonly TempDirectory _folder = new();
        public WebhookReceiver Receiver { get; } = new(NotifyCluster.Secret);
        public WebProcess Web { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Web = await WebProcess.StartAsync(_folder.Path, _folder.File("cascade.db"),
                "--Cascade:Notify:Channels:ops:Type=webhook", $"--Cascade:Notify:Channels:ops:Url={Receiver.Url}?token=query-token",
                $"--Cascade:Notify:Channels:ops:Secret={NotifyCluster.Secret}",
                "--Cascade:Notify:Routes:leaders:Unit=nc-root", "--Cascade:Notify:Routes:leaders:Channel=ops",
                "--Cascade:Notify:GroupWait=00:00:01", "--Cascade:Notify:QuietHours=22:00-07:00");
            var admin = Web.Client;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
            await (await admin.PostAsJsonAsync("/api/v1/units", new { id = "nc-root", parentId = (string?)null, name = "测试厅党组", kind = "partyGroup" })).Expect(HttpStatusCode.Created);
            await (await admin.PostAsJsonAsync("/api/v1/units", new { id = "nc-zb", parentId = "nc-root", name = "成果转化与区域创新处党支部", kind = "branch" })).Expect(HttpStatusCode.Created);
            await (await admin.PostAsJsonAsync("/api/v1/units/nc-zb/tasks", new
            {
                id = "late", title = "主题党日", track = "party", progress = 99,
                start = today.AddDays(-30).ToString("yyyy-MM-dd"), due = today.AddDays(-1).ToString("yyyy-MM-dd"),
            })).Expect(HttpStatusCode.Created);
        }

        public async Task DisposeAsync()
        {
            if (Web is not null) await Web.DisposeAsync();
            Receiver.Dispose();
            _folder.Dispose();
        }
    }

    private async Task<IPage> Console(ViewportSize size, string lang)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = size, HasTouch = size.Width < 600 });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        var path = lang == "en" ? "/admin?lang=en" : "/admin";
        await page.GotoAsync(new Uri(server.Web.Address, path).ToString());
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", WebProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true");
        lock (errors) Assert.True(errors.Count == 0, string.Join("\n", errors));
        return page;
    }

    [Theory]
    [InlineData(1366, 768, "zh")]
    [InlineData(1366, 768, "en")]
    [InlineData(375, 667, "zh")]
    [InlineData(375, 667, "en")]
    public async Task The_section_shows_channels_routes_and_the_outbox_and_fits_the_screen(int width, int height, string lang)
    {
        await Eventually.True(() => Task.FromResult(server.Receiver.Received.Count > 0), "a message was delivered");
        var page = await Console(new ViewportSize { Width = width, Height = height }, lang);
        var zh = lang == "zh";
        await Assertions.Expect(page.Locator("#notify-title")).ToHaveTextAsync(zh ? "通知" : "Notifications");
        var channel = page.Locator(".channel-row[data-channel=ops]");
        await Assertions.Expect(channel).ToContainTextAsync(zh ? "发往 127.0.0.1:" : "to 127.0.0.1:");
        await Assertions.Expect(channel.Locator("button")).ToHaveTextAsync(zh ? "发送测试消息" : "Send a test message");
        await Assertions.Expect(page.Locator(".route-row")).ToContainTextAsync(zh ? "测试厅党组及下级" : "测试厅党组 and below");
        await Assertions.Expect(page.Locator("#notify-timing")).ToContainTextAsync(zh ? "免打扰 22:00-07:00" : "quiet hours 22:00-07:00");
        var html = await page.ContentAsync();
        foreach (var hidden in new[] { NotifyCluster.Secret, "query-token", "/hook/" }) Assert.DoesNotContain(hidden, html);

        await page.ClickAsync(".outbox-tab[data-state=sent]");
        var id = server.Receiver.Received[0].DeliveryId;
        await Assertions.Expect(page.Locator($".outbox-row[data-delivery-id='{id}']")).ToContainTextAsync(id);
        await Assertions.Expect(page.Locator($".outbox-row[data-delivery-id='{id}']")).ToContainTextAsync("200");

        await page.Locator("#notify").ScrollIntoViewIfNeededAsync();
        var problems = await page.EvaluateAsync<string[]>(AdminConsoleLayoutTests.Problems);
        Assert.True(problems.Length == 0, string.Join("\n", problems));
        await AdminConsoleServer.Shoot(page, $"admin-notify-{lang}-{width}.png");

        // The test button asks the channel's test route and shows its answer.
        await channel.Locator("button").ClickAsync();
        await Assertions.Expect(channel.Locator(".test-answer")).Not.ToBeEmptyAsync();
        await Assertions.Expect(channel.Locator(".test-answer")).Not.ToHaveTextAsync(zh ? "正在发送…" : "Sending…");
        await page.Context.CloseAsync();
    }
}
