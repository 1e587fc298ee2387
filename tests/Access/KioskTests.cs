using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Cascade.Tests.Access;

/// <summary>docs/api.md "Identity and access": kiosk tokens open one wall, read-only, until revoked; the hub wants a user or a kiosk.</summary>
public sealed class KioskTests(KioskTests.App app) : IClassFixture<KioskTests.App>
{
    public sealed class App : ApiApp;

    private async Task<JsonElement> NewKiosk(string unitId = ApiApp.Root, int depth = 1) =>
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId, depth })).Expect(HttpStatusCode.Created);

    [Fact]
    public async Task An_admin_makes_a_kiosk_and_its_token_is_shown_once()
    {
        var kiosk = await NewKiosk();
        var token = kiosk.GetProperty("token").GetString()!;
        Assert.True(token.Length >= 40, token);
        Assert.Equal(ApiApp.Root, kiosk.GetProperty("unitId").GetString());
        Assert.Contains($"/wall?unit={ApiApp.Root}&depth=1&kiosk={Uri.EscapeDataString(token)}", kiosk.GetProperty("url").GetString());
        var list = await (await (await app.Client()).GetAsync("/api/v1/kiosks")).Expect(HttpStatusCode.OK);
        var listed = list.EnumerateArray().Single(k => k.GetProperty("id").GetString() == kiosk.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
        Assert.DoesNotContain(token, list.ToString());
    }

    [Fact]
    public async Task A_new_kiosk_carries_the_QR_code_of_its_link_as_a_PNG_data_URL()
    {
        var kiosk = await NewKiosk();
        var url = kiosk.GetProperty("url").GetString()!;
        var qr = kiosk.GetProperty("qr").GetString()!;
        Assert.StartsWith("data:image/png;base64,", qr);
        var png = Convert.FromBase64String(qr["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // The code of this very link (QRCoder is deterministic), not of another one.
        Assert.Equal(Cascade.Web.Identity.KioskQr.PngDataUrl(url), qr);
        Assert.NotEqual(Cascade.Web.Identity.KioskQr.PngDataUrl(url + "x"), qr);
        var list = await (await (await app.Client()).GetAsync("/api/v1/kiosks")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("data:image", list.ToString());
    }

    [Theory]
    [InlineData("""{"name":"","unitId":"root","depth":1}""", "name")]
    [InlineData("""{"name":"x","unitId":"Bad Id!","depth":1}""", "unitId")]
    [InlineData("""{"name":"x","unitId":"root","depth":7}""", "depth")]
    [InlineData("""{"name":"x","unitId":"root","depth":-1}""", "depth")]
    [InlineData("""{"name":"x","unitId":"root"}""", "depth")]
    public async Task A_bad_kiosk_is_400_naming_the_field(string body, string field)
    {
        var problem = await (await (await app.Client()).Post("/api/v1/kiosks", body)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Kiosks_are_the_admins_and_unknown_ids_are_404()
    {
        var admin = await app.Client();
        await (await admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "x", unitId = "no-such-unit", depth = 1 })).Problem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync("/api/v1/kiosks/0123456789ab")).Problem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync("/api/v1/kiosks/NOT-AN-ID")).Problem(HttpStatusCode.NotFound);
        var viewer = Api.Id("viewer");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username = viewer, password = "a-long-password", displayName = "看", role = "viewer" })).Expect(HttpStatusCode.Created);
        var client = app.CreateClient(await app.SignIn(viewer, "a-long-password"));
        await (await client.PostAsJsonAsync("/api/v1/kiosks", new { name = "x", unitId = ApiApp.Root, depth = 1 })).Problem(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/kiosks")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_kiosk_reads_and_watches_its_view_but_writes_nothing()
    {
        var kiosk = await NewKiosk(depth: 1);
        var token = kiosk.GetProperty("token").GetString()!;
        var query = $"kiosk={Uri.EscapeDataString(token)}";
        var anonymous = app.CreateAnonymousClient();
        await (await anonymous.GetAsync($"{Api.Units}?{query}")).Expect(HttpStatusCode.OK);
        await (await anonymous.PostAsJsonAsync($"{Api.Units}?{query}", new { id = Api.Id("u"), parentId = ApiApp.Root, name = "x", kind = "branch" })).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/v1/me?{query}")).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/v1/kiosks?{query}")).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"{Api.Units}?kiosk=abc.def")).Problem(HttpStatusCode.Unauthorized);

        await using var wall = await WallClient.ConnectAsync(app, null, token);
        var snapshot = await wall.Watch(ApiApp.Root, 1);
        Assert.Equal(ApiApp.Root, snapshot.GetProperty("unitId").GetString());
        await wall.Watch(ApiApp.Root, 0);
        var rootName = snapshot.GetProperty("units")[0].GetProperty("name").GetString();
        // A refusal says what the link allows (the wall shows it and does not ask again).
        var allowed = $"only unit '{ApiApp.Root}' ({rootName}) and 1 level below it";
        Assert.Contains(allowed, (await Assert.ThrowsAsync<HubException>(() => wall.Watch(ApiApp.Root, 2))).Message);
        var other = Api.Id("other");
        await (await (await app.Client()).PostAsJsonAsync(Api.Units, new { id = other, parentId = ApiApp.Root, name = "其他", kind = "branch" })).Expect(HttpStatusCode.Created);
        // A unit below its own, to the same bottom level (a tile opened on the wall): allowed; deeper: refused.
        Assert.Equal(other, (await wall.Watch(other, 0)).GetProperty("unitId").GetString());
        Assert.Contains(allowed, (await Assert.ThrowsAsync<HubException>(() => wall.Watch(other, 1))).Message);
        // A unit that does not exist is not a refusal of the link: it may exist later.
        Assert.DoesNotContain("only unit", (await Assert.ThrowsAsync<HubException>(() => wall.Watch("no-such-unit", 0))).Message);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_with_no_credential_or_a_bad_one()
    {
        await app.Client();
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => { await using var wall = await WallClient.ConnectAsync(app, null, null); });
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => { await using var wall = await WallClient.ConnectAsync(app, "not-a-token", null); });
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => { await using var wall = await WallClient.ConnectAsync(app, null, "abc.def"); });
    }

    [Fact]
    public async Task Revoking_a_kiosk_cuts_its_walls_within_ten_seconds_and_it_opens_nothing_after()
    {
        var kiosk = await NewKiosk();
        var token = kiosk.GetProperty("token").GetString()!;
        await using var wall = await WallClient.ConnectAsync(app, null, token);
        await wall.Watch(ApiApp.Root, 1);
        var closed = new TaskCompletionSource();
        wall.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var revokedAt = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.Client()).DeleteAsync($"/api/v1/kiosks/{kiosk.GetProperty("id").GetString()}")).StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, wall.Connection.State);
        await (await app.CreateAnonymousClient().GetAsync($"{Api.Units}?kiosk={Uri.EscapeDataString(token)}")).Problem(HttpStatusCode.Unauthorized);
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => { await using var again = await WallClient.ConnectAsync(app, null, token); });
    }

    [Fact]
    public async Task Disabling_a_user_cuts_their_hub_connections()
    {
        var admin = await app.Client();
        var username = Api.Id("leader");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = "a-long-password", displayName = "领导", role = "leader" })).Expect(HttpStatusCode.Created);
        await using var wall = await WallClient.ConnectAsync(app, await app.SignIn(username, "a-long-password"), null);
        await wall.Watch(ApiApp.Root, 1);
        var closed = new TaskCompletionSource();
        wall.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await (await admin.PatchAsJsonAsync($"/api/v1/users/{username}", new { disabled = true })).Expect(HttpStatusCode.OK);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_kiosk_reads_only_its_units_subtree_to_its_depth_and_no_task_notes()
    {
        var admin = await app.Client();
        var (branch, group, deep, sibling) = (Api.Id("branch"), Api.Id("group"), Api.Id("deep"), Api.Id("sibling"));
        foreach (var (id, parent) in new[] { (branch, ApiApp.Root), (group, branch), (deep, group), (sibling, ApiApp.Root) })
            await (await admin.PostAsJsonAsync(Api.Units, new { id, parentId = parent, name = "支部", kind = "branch" })).Expect(HttpStatusCode.Created);
        foreach (var unit in new[] { branch, group, deep, sibling })
            await (await admin.PostAsJsonAsync(Api.Tasks(unit), new { id = "t", title = "三会一课", track = "party", start = "2026-01-01", due = "2026-12-31", note = "内部备注" })).Expect(HttpStatusCode.Created);
        var token = (await NewKiosk(branch, depth: 1)).GetProperty("token").GetString()!;
        var kiosk = app.CreateAnonymousClient();
        string Q(string path) => path + (path.Contains('?') ? "&" : "?") + "kiosk=" + Uri.EscapeDataString(token);

        // Inside: the branch and one level below, tasks without notes.
        await (await kiosk.GetAsync(Q($"{Api.Units}/{branch}/tree?depth=1"))).Expect(HttpStatusCode.OK);
        await (await kiosk.GetAsync(Q($"{Api.Units}/{group}/summary"))).Expect(HttpStatusCode.OK);
        var tasks = await (await kiosk.GetAsync(Q(Api.Tasks(group)))).Expect(HttpStatusCode.OK);
        Assert.Equal("", tasks.EnumerateArray().Single().GetProperty("note").GetString());
        Assert.Equal("", (await (await kiosk.GetAsync(Q(Api.Task(branch, "t")))).Expect(HttpStatusCode.OK)).GetProperty("note").GetString());
        var listed = (await (await kiosk.GetAsync(Q(Api.Units))).Expect(HttpStatusCode.OK)).EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { branch, group }.Order(), listed.Order());
        var last = await (await kiosk.GetAsync(Q($"{Api.Units}/{group}"))).Expect(HttpStatusCode.OK);
        Assert.Equal(0, last.GetProperty("children").GetArrayLength());

        // Outside: deeper than its depth, above it, beside it, or a deeper tree.
        foreach (var path in new[]
        {
            $"{Api.Units}/{branch}/tree?depth=10", $"{Api.Units}/{deep}", $"{Api.Units}/{deep}/summary", Api.Tasks(deep), Api.Task(deep, "t"),
            $"{Api.Units}/{ApiApp.Root}", $"{Api.Units}/{ApiApp.Root}/tree?depth=1", Api.Tasks(sibling), $"{Api.Units}?parent={group}",
            $"/api/v1/alerts?unit={ApiApp.Root}&subtree=true", $"/api/v1/alerts?unit={sibling}",
        })
        {
            var answer = await kiosk.GetAsync(Q(path));
            Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)answer.StatusCode}");
        }
        // A person still reads the notes.
        Assert.Equal("内部备注", (await (await admin.GetAsync(Api.Task(branch, "t"))).Expect(HttpStatusCode.OK)).GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_refused_watch_is_one_warning_line_with_the_input_cut_short()
    {
        await app.Client();
        await using var wall = await WallClient.ConnectAsync(app);
        var longId = new string('x', 5000);
        var error = await Assert.ThrowsAsync<HubException>(() => wall.Watch(longId, 1));
        Assert.True(error.Message.Length < 300, error.Message);
        await Eventually.True(() => Task.FromResult(app.Logs.Messages.Any(m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("Watch"))), "the refusal is logged");
        var lines = app.Logs.Messages.Where(m => m.Contains("xxxxxxxxxx")).ToList();
        Assert.Single(lines);
        Assert.StartsWith("Warning", lines[0]);
        Assert.DoesNotContain(new string('x', 101), lines[0]);
        Assert.DoesNotContain("   at ", lines[0]);
    }
}
