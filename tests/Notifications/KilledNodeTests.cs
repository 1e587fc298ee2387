using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Notifications;

/// <summary>
/// At least once: the product killed (SIGKILL) while the receiver holds its request open loses
/// nothing; the restarted product sends the message again with the same delivery id.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class KilledNodeTests
{
    [Fact]
    public async Task A_node_killed_mid_send_loses_nothing_the_restarted_product_sends_again_with_the_same_delivery_id()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        using var receiver = new WebhookReceiver(NotifyCluster.Secret);
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = n => n == 0 ? held.Task : Task.FromResult(200);
        string[] settings =
        [
            "--Cascade:Notify:Channels:hook:Type=webhook", $"--Cascade:Notify:Channels:hook:Url={receiver.Url}",
            $"--Cascade:Notify:Channels:hook:Secret={NotifyCluster.Secret}",
            "--Cascade:Notify:Routes:all:Unit=kjt", "--Cascade:Notify:Routes:all:Channel=hook",
            "--Cascade:Notify:GroupWait=00:00:01",
        ];
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

        await using (var first = await WebProcess.StartAsync(folder.Path, database, settings))
        {
            var client = first.Client;
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "kjt", parentId = (string?)null, name = "科技厅", kind = "partyGroup" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "bgs", parentId = "kjt", name = "办公室党支部", kind = "branch" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units/bgs/tasks", new
            {
                id = "zt", title = "主题教育总结", track = "party", progress = 99,
                start = today.AddDays(-30).ToString("yyyy-MM-dd"), due = today.AddDays(-1).ToString("yyyy-MM-dd"),
            })).EnsureSuccessStatusCode();
            await Eventually.True(() => Task.FromResult(receiver.Received.Count == 1), "the first attempt reaches the receiver, which holds it open");
            await first.KillAsync();
        }
        held.SetResult(200); // too late: its sender is gone

        var id = receiver.Received[0].DeliveryId; // the message whose attempt was cut off
        var before = receiver.Received.Count;
        await using var second = await WebProcess.StartAsync(folder.Path, database, settings);
        await Eventually.True(async () => (await Sent(second)).Any(m => m.GetProperty("deliveryId").GetString() == id), "the restarted product delivers the message",
            detail: () => $"received {receiver.Received.Count}\n{second.Output}");
        var all = receiver.Received;
        Assert.Contains(all.Skip(before), d => d.DeliveryId == id); // sent again, with the same id
        Assert.All(all, d => Assert.True(d.SignatureValid));
        Assert.Contains(all.SelectMany(d => d.Events), e => e.GetProperty("alert").GetProperty("rule").GetString() == "taskOverdue"
            && e.GetProperty("alert").GetProperty("taskId").GetString() == "zt" && e.GetProperty("alert").GetProperty("unitId").GetString() == "bgs");
        // Every message is delivered once the receiver answers: none pending, none failed.
        await Eventually.True(async () => (await Sent(second)).Length == (await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/notify/outbox")).GetProperty("messages").GetArrayLength(),
            "every message is delivered");
        Assert.Equal(200, (await Sent(second)).Single(m => m.GetProperty("deliveryId").GetString() == id).GetProperty("lastStatus").GetInt32());
    }

    private static async Task<JsonElement[]> Sent(WebProcess web) =>
        (await web.Client.GetFromJsonAsync<JsonElement>("/api/v1/notify/outbox?state=sent")).GetProperty("messages").EnumerateArray().ToArray();
}
