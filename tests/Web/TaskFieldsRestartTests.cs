using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// doneAt and tags are stored: the real product in a child process, killed with SIGKILL after the
/// writes were answered, answers them unchanged when started again on the same database.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class TaskFieldsRestartTests
{
    [Fact]
    public async Task DoneAt_and_tags_survive_a_kill_and_a_restart()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        JsonElement before;
        await using (var first = await WebProcess.StartAsync(folder.Path, database))
        {
            var client = first.Client;
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "kjt", parentId = (string?)null, name = "科技厅", kind = "partyGroup" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units/kjt/tasks",
                new { id = "pp", title = "支部品牌建设", track = "party", start = "2026-01-01", due = "2026-12-31", tags = new[] { "四强", "锐科技·心服务" } })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units/kjt/tasks",
                new { id = "open", title = "未完成", track = "business", start = "2026-01-01", due = "2026-12-31" })).EnsureSuccessStatusCode();
            (await client.PatchAsJsonAsync("/api/v1/units/kjt/tasks/pp", new { status = "done" })).EnsureSuccessStatusCode();
            before = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/tasks/pp");
            Assert.Equal(JsonValueKind.String, before.GetProperty("doneAt").ValueKind);
            await first.KillAsync();
        }

        await using var second = await WebProcess.StartAsync(folder.Path, database);
        var after = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/tasks/pp");
        Assert.Equal(before.GetProperty("doneAt").GetDateTimeOffset(), after.GetProperty("doneAt").GetDateTimeOffset());
        Assert.Equal(["四强", "锐科技·心服务"], after.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var open = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/tasks/open");
        Assert.Equal(JsonValueKind.Null, open.GetProperty("doneAt").ValueKind);
        Assert.Empty(open.GetProperty("tags").EnumerateArray());
        var tagged = await second.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/kjt/tasks?tag=" + Uri.EscapeDataString("四强"));
        Assert.Equal("pp", Assert.Single(tagged!).GetProperty("id").GetString());
    }
}
