using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Notifications;

/// <summary>GET /api/v1/notify and /notify/outbox: what is configured without a secret, the outbox's filters, bad input refused; a bad setting stops the start.</summary>
public sealed class NotifyApiTests(NotifyApiTests.App app) : IClassFixture<NotifyApiTests.App>
{
    public const string Secret = "topsecret-never-shown";

    public sealed class App() : CascadeApp(seedDemo: false, new()
    {
        ["Cascade:Notify:Channels:ops:Type"] = "webhook",
        ["Cascade:Notify:Channels:ops:Url"] = "https://hooks.example.cn:8443/cascade/in?token=query-token",
        ["Cascade:Notify:Channels:ops:Secret"] = Secret,
        ["Cascade:Notify:Routes:leaders:Unit"] = "root",
        ["Cascade:Notify:Routes:leaders:Channel"] = "ops",
        ["Cascade:Notify:Routes:leaders:MinSeverity"] = "red",
        ["Cascade:Notify:Routes:leaders:Events:0"] = "escalated",
        ["Cascade:Notify:Routes:leaders:Digest"] = "09:00",
        ["Cascade:Notify:Routes:leaders:Language"] = "en",
        ["Cascade:Notify:QuietHours"] = "22:00-07:00",
    });

    [Fact]
    public async Task The_settings_name_each_channels_host_only_and_the_routes_as_configured()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/notify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var hidden in new[] { Secret, "query-token", "/cascade/in" }) Assert.DoesNotContain(hidden, text);
        var body = JsonDocument.Parse(text).RootElement;
        var channel = Assert.Single(body.GetProperty("channels").EnumerateArray());
        Assert.Equal(("ops", "webhook", "hooks.example.cn:8443"), (channel.GetProperty("name").GetString(), channel.GetProperty("type").GetString(), channel.GetProperty("target").GetString()));
        var route = Assert.Single(body.GetProperty("routes").EnumerateArray());
        Assert.Equal(("leaders", "root", "red", "ops", "09:00", "en"), (route.GetProperty("name").GetString(), route.GetProperty("unit").GetString(),
            route.GetProperty("minSeverity").GetString(), route.GetProperty("channel").GetString(), route.GetProperty("digest").GetString(), route.GetProperty("language").GetString()));
        Assert.Equal(["escalated"], route.GetProperty("events").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal((30, "22:00-07:00"), (body.GetProperty("groupWaitSeconds").GetInt32(), body.GetProperty("quietHours").GetString()));
        Assert.DoesNotContain(app.Logs.Messages, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("state=sending", "state")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("state=sent&state=failed", "state")]
    public async Task Bad_outbox_queries_are_refused_with_a_problem_naming_the_parameter(string query, string field)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/api/v1/notify/outbox?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_outbox_of_an_unknown_route_is_not_found_and_of_a_quiet_route_empty()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/notify/outbox?route=nobody")).StatusCode);
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/notify/outbox?route=leaders&state=pending&limit=10");
        Assert.Empty(body.GetProperty("messages").EnumerateArray());
        Assert.Equal(0, body.GetProperty("waitingEvents").GetInt32());
    }

    [Fact]
    public async Task Bad_notification_settings_stop_the_start_with_messages_naming_them_and_no_secret()
    {
        using var folder = new TempDirectory();
        var (exit, output) = await WebProcess.RunUntilExitAsync(folder.Path, folder.File("cascade.db"), TimeSpan.FromSeconds(60),
            "--Cascade:Notify:Channels:ops:Type=webhook", "--Cascade:Notify:Channels:ops:Url=https://hooks.example.cn/in",
            $"--Cascade:Notify:Channels:ops:Secret={Secret}",
            "--Cascade:Notify:Routes:r:Unit=root", "--Cascade:Notify:Routes:r:Channel=nowhere", "--Cascade:Notify:Routes:r:Digest=9am",
            "--Cascade:Notify:Routes:r:Language=fr", "--Cascade:Notify:QuietHours=22:00-25:00");
        Assert.NotEqual(0, exit);
        foreach (var named in new[] { "Cascade:Notify:Routes:r:Channel", "Cascade:Notify:Routes:r:Digest", "Cascade:Notify:Routes:r:Language", "Cascade:Notify:QuietHours" })
            Assert.Contains(named, output);
        Assert.DoesNotContain(Secret, output);
    }
}
