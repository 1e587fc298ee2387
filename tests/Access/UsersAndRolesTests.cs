using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>
/// Who may change what (docs/api.md "Identity and access"): admins everything, editors the tasks of
/// their unit and its descendants, leaders and viewers nothing; users are the admin's to manage.
/// A refused write changes nothing.
/// </summary>
public sealed class UsersAndRolesTests(UsersAndRolesTests.App app) : IClassFixture<UsersAndRolesTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    /// <summary>committee under the root, branches a and b under it, each with one task.</summary>
    private async Task<(string Committee, string A, string B)> Tree()
    {
        var admin = await app.Client();
        var (committee, a, b) = (Api.Id("committee"), Api.Id("branch-a"), Api.Id("branch-b"));
        await (await admin.PostAsJsonAsync(Api.Units, new { id = committee, parentId = ApiApp.Root, name = "机关党委", kind = "organCommittee" })).Expect(HttpStatusCode.Created);
        foreach (var branch in new[] { a, b })
        {
            await (await admin.PostAsJsonAsync(Api.Units, new { id = branch, parentId = committee, name = "党支部", kind = "branch" })).Expect(HttpStatusCode.Created);
            await (await admin.PostAsJsonAsync(Api.Tasks(branch), new { id = "t1", title = "主题党日", track = "party", start = "2026-01-01", due = "2026-12-31" })).Expect(HttpStatusCode.Created);
        }
        return (committee, a, b);
    }

    private async Task<HttpClient> As(string role, string? unitId = null)
    {
        var username = Api.Id(role);
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "用户", role, unitId }))
            .Expect(HttpStatusCode.Created);
        return app.CreateClient(await app.SignIn(username, Password));
    }

    private async Task<long> TaskVersion(string unitId) =>
        (await (await (await app.Client()).GetAsync(Api.Task(unitId, "t1"))).Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64();

    [Fact]
    public async Task Task_writes_follow_the_role_and_the_editors_unit()
    {
        var (committee, a, b) = await Tree();
        var cases = new (string Who, HttpClient Client, bool MayWriteA)[]
        {
            ("admin", await app.Client(), true),
            ("editor of a", await As("editor", a), true),
            ("editor of the committee above a", await As("editor", committee), true),
            ("editor of sibling b", await As("editor", b), false),
            ("leader", await As("leader"), false),
            ("viewer", await As("viewer"), false),
        };
        var progress = 10;
        foreach (var (who, client, mayWrite) in cases)
        {
            await (await client.GetAsync(Api.Task(a, "t1"))).Expect(HttpStatusCode.OK); // everyone signed in reads
            var before = await TaskVersion(a);
            var patch = await client.Patch(Api.Task(a, "t1"), Api.Json(new { progress = ++progress }));
            var create = await client.Post(Api.Tasks(a), Api.Json(new { id = Api.Id("t"), title = "新任务", track = "business", start = "2026-01-01", due = "2026-12-31" }));
            if (mayWrite)
            {
                Assert.True(patch.StatusCode == HttpStatusCode.OK, $"{who}: PATCH answered {(int)patch.StatusCode}");
                Assert.True(create.StatusCode == HttpStatusCode.Created, $"{who}: POST answered {(int)create.StatusCode}");
            }
            else
            {
                await patch.Problem(HttpStatusCode.Forbidden);
                await create.Problem(HttpStatusCode.Forbidden);
                await (await client.Delete(Api.Task(a, "t1"))).Problem(HttpStatusCode.Forbidden);
                Assert.Equal(before, await TaskVersion(a));
            }
        }
    }

    [Fact]
    public async Task The_trees_shape_is_the_admins_alone()
    {
        var (committee, a, _) = await Tree();
        foreach (var client in new[] { await As("editor", committee), await As("leader"), await As("viewer") })
        {
            var id = Api.Id("unit");
            await (await client.PostAsJsonAsync(Api.Units, new { id, parentId = a, name = "新支部", kind = "branch" })).Problem(HttpStatusCode.Forbidden);
            await (await client.Patch($"{Api.Units}/{a}", Api.Json(new { name = "改名" }))).Problem(HttpStatusCode.Forbidden);
            await (await client.Delete($"{Api.Units}/{a}")).Problem(HttpStatusCode.Forbidden);
            await (await (await app.Client()).GetAsync($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);
        }
        var unit = await (await (await app.Client()).GetAsync($"{Api.Units}/{a}")).Expect(HttpStatusCode.OK);
        Assert.Equal("党支部", unit.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_editors_write_records_who_made_it()
    {
        var (_, a, _) = await Tree();
        var username = Api.Id("editor");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "编辑", role = "editor", unitId = a })).Expect(HttpStatusCode.Created);
        var editor = app.CreateClient(await app.SignIn(username, Password));
        var task = await (await editor.Patch(Api.Task(a, "t1"), Api.Json(new { progress = 42 }))).Expect(HttpStatusCode.OK);
        Assert.Equal(username, task.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public async Task Only_admins_manage_users()
    {
        foreach (var client in new[] { await As("leader"), await As("viewer"), await As("editor", ApiApp.Root) })
        {
            await (await client.GetAsync("/api/v1/users")).Problem(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync("/api/v1/users", new { username = Api.Id("x"), password = Password, displayName = "x", role = "admin" })).Problem(HttpStatusCode.Forbidden);
            await (await client.Patch("/api/v1/users/admin", Api.Json(new { disabled = true }))).Problem(HttpStatusCode.Forbidden);
        }
        var admin = await app.Client();
        var users = await (await admin.GetAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("username").GetString() == "admin" && u.GetProperty("role").GetString() == "admin");
        Assert.DoesNotContain(users.EnumerateArray(), u => u.TryGetProperty("passwordHash", out _));
    }

    [Theory]
    [InlineData("""{"username":"x","password":"a-long-password","displayName":"x","role":"viewer"}""", "username")]
    [InlineData("""{"username":"okname","password":"short","displayName":"x","role":"viewer"}""", "password")]
    [InlineData("""{"username":"okname","password":"a-long-password","displayName":"","role":"viewer"}""", "displayName")]
    [InlineData("""{"username":"okname","password":"a-long-password","displayName":"x","role":"boss"}""", "role")]
    [InlineData("""{"username":"okname","password":"a-long-password","displayName":"x","role":"editor"}""", "unitId")]
    [InlineData("""{"username":"okname","password":"a-long-password","displayName":"x","role":"viewer","unitId":"Bad Id!"}""", "unitId")]
    public async Task A_bad_user_is_400_naming_the_field_and_nothing_is_created(string body, string field)
    {
        var admin = await app.Client();
        var problem = await (await admin.Post("/api/v1/users", body)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var users = await (await admin.GetAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("username").GetString() == "okname");
    }

    [Fact]
    public async Task A_duplicate_user_is_409_and_an_unknown_unit_404()
    {
        var admin = await app.Client();
        var username = Api.Id("dup");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "甲", role = "viewer" })).Expect(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "乙", role = "leader" })).Problem(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username = Api.Id("ed"), password = Password, displayName = "丙", role = "editor", unitId = "no-such-unit" })).Problem(HttpStatusCode.NotFound);
        await (await admin.Patch("/api/v1/users/no-such-user", Api.Json(new { disabled = true }))).Problem(HttpStatusCode.NotFound);
        var users = await (await admin.GetAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
        Assert.Equal("甲", users.EnumerateArray().Single(u => u.GetProperty("username").GetString() == username).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Disabling_a_user_or_changing_their_role_ends_their_tokens()
    {
        var admin = await app.Client();
        foreach (var change in new object[] { new { disabled = true }, new { role = "viewer" } })
        {
            var username = Api.Id("leaving");
            await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "离任", role = "leader" })).Expect(HttpStatusCode.Created);
            var client = app.CreateClient(await app.SignIn(username, Password));
            await (await client.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
            await (await admin.PatchAsJsonAsync($"/api/v1/users/{username}", change)).Expect(HttpStatusCode.OK);
            await (await client.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        }
        var disabled = Api.Id("disabled");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username = disabled, password = Password, displayName = "停用", role = "viewer" })).Expect(HttpStatusCode.Created);
        await (await admin.PatchAsJsonAsync($"/api/v1/users/{disabled}", new { disabled = true })).Expect(HttpStatusCode.OK);
        await (await app.CreateAnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { username = disabled, password = Password })).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_cannot_lock_themselves_out()
    {
        var admin = await app.Client();
        await (await admin.Patch("/api/v1/users/admin", Api.Json(new { disabled = true }))).Problem(HttpStatusCode.Conflict);
        await (await admin.Patch("/api/v1/users/admin", Api.Json(new { role = "viewer" }))).Problem(HttpStatusCode.Conflict);
        await (await admin.GetAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refused_attempts_are_logged_with_who_what_and_where()
    {
        var (_, a, _) = await Tree();
        var username = Api.Id("viewer");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "看", role = "viewer" })).Expect(HttpStatusCode.Created);
        var viewer = app.CreateClient(await app.SignIn(username, Password));
        await (await viewer.Patch(Api.Task(a, "t1"), Api.Json(new { progress = 5 }))).Problem(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync("/api/v1/users")).Problem(HttpStatusCode.Forbidden);
        await (await app.CreateAnonymousClient().GetAsync(Api.Units)).Problem(HttpStatusCode.Unauthorized);
        var denied = app.Logs.Messages.Where(m => m.Contains("Denied:")).ToList();
        Assert.Contains(denied, m => m.Contains(username) && m.Contains($"PATCH /api/v1/units/{a}/tasks/t1") && m.Contains("WriteTasks"));
        Assert.Contains(denied, m => m.Contains(username) && m.Contains("GET /api/v1/users") && m.Contains("forbidden"));
        Assert.Contains(denied, m => m.Contains("(anonymous)") && m.Contains("not signed in"));
    }
}
