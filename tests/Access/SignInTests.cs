using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Access;

/// <summary>docs/api.md "Identity and access": tokens, sign-in protection, the caller's own account.</summary>
public sealed class SignInTests(SignInTests.App app) : IClassFixture<SignInTests.App>
{
    public sealed class App : ApiApp;

    private async Task<string> NewUser(string role = "viewer", string password = "a-long-password", string? unitId = null)
    {
        var username = Api.Id("user");
        var client = await app.Client();
        await (await client.PostAsJsonAsync("/api/v1/users", new { username, password, displayName = "测试用户", role, unitId }))
            .Expect(HttpStatusCode.Created);
        return username;
    }

    private Task<HttpResponseMessage> SignInFrom(string address, string username, string password) => app.SignInFrom(address, username, password);

    [Fact]
    public async Task Anonymous_requests_to_the_api_are_401_problems_and_change_nothing()
    {
        await app.Client();
        var anonymous = app.CreateAnonymousClient();
        var id = Api.Id("anon");
        await (await anonymous.GetAsync(Api.Units)).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/users")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.Post(Api.Units, Api.Json(new { id, parentId = ApiApp.Root, name = "x", kind = "branch" }))).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.Post(Api.Units, "not json", "text/plain")).Problem(HttpStatusCode.Unauthorized); // 401 before 415
        var garbage = app.CreateClient("not-a-token");
        await (await garbage.GetAsync(Api.Units)).Problem(HttpStatusCode.Unauthorized);
        await (await (await app.Client()).GetAsync($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_token_answers_with_its_type_lifetime_and_user_and_opens_the_api()
    {
        var username = await NewUser("leader");
        var response = await app.CreateAnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { username = username.ToUpperInvariant(), password = "a-long-password" });
        var answer = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("Bearer", answer.GetProperty("tokenType").GetString());
        Assert.True(answer.GetProperty("expiresIn").GetInt64() > 0);
        Assert.Equal(username, answer.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal("leader", answer.GetProperty("user").GetProperty("role").GetString());
        Assert.False(answer.GetProperty("user").TryGetProperty("passwordHash", out _));

        var client = app.CreateClient(answer.GetProperty("accessToken").GetString()!);
        var me = await (await client.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
        Assert.Equal(username, me.GetProperty("username").GetString());
        await (await client.GetAsync(Api.Units)).Expect(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"username":"admin"}""")]
    [InlineData("""{"password":"whatever-it-is"}""")]
    [InlineData("""{"username":1,"password":"whatever-it-is"}""")]
    [InlineData("[]")]
    public async Task A_malformed_sign_in_is_400(string body)
    {
        await (await app.CreateAnonymousClient().Post("/api/v1/auth/token", body)).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_user_is_401()
    {
        var username = await NewUser();
        var anonymous = app.CreateAnonymousClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "not-the-password" })).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "not-the-password" })).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "Not A Name!", password = "not-the-password" })).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failures_lock_that_account_and_address_for_15_minutes_and_no_one_else()
    {
        var username = await NewUser();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFrom("10.0.0.1", username, "wrong-password")).StatusCode);
        var fifth = await SignInFrom("10.0.0.1", username, "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);

        var locked = await SignInFrom("10.0.0.1", username, "a-long-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 15 * 60);
        var problem = JsonDocument.Parse(await locked.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        // The same account from another address, and another account from the same address, still sign in.
        Assert.Equal(HttpStatusCode.OK, (await SignInFrom("10.0.0.2", username, "a-long-password")).StatusCode);
        var other = await NewUser();
        Assert.Equal(HttpStatusCode.OK, (await SignInFrom("10.0.0.1", other, "a-long-password")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await SignInFrom("10.0.0.1", username, "a-long-password")).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_password_ends_the_old_token_and_the_new_password_works()
    {
        var username = await NewUser();
        var token = await app.SignIn(username, "a-long-password");
        var client = app.CreateClient(token);
        await (await client.Send(HttpMethod.Put, "/api/v1/me/password", Api.Json(new { currentPassword = "wrong-password", newPassword = "another-long-password" })))
            .Problem(HttpStatusCode.BadRequest);
        await (await client.Send(HttpMethod.Put, "/api/v1/me/password", Api.Json(new { currentPassword = "a-long-password", newPassword = "short" })))
            .Problem(HttpStatusCode.BadRequest);
        var changed = await client.Send(HttpMethod.Put, "/api/v1/me/password", Api.Json(new { currentPassword = "a-long-password", newPassword = "another-long-password" }));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        await (await client.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await app.CreateAnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { username, password = "a-long-password" })).Problem(HttpStatusCode.Unauthorized);
        var again = app.CreateClient(await app.SignIn(username, "another-long-password"));
        await (await again.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Twenty_failures_from_many_addresses_lock_the_account_for_new_addresses_but_not_its_usual_one()
    {
        var username = await NewUser();
        // Its usual address: the leader signed in from it before.
        Assert.Equal(HttpStatusCode.OK, (await SignInFrom("10.1.0.1", username, "a-long-password")).StatusCode);
        // 8 addresses x 4 wrong passwords: no pair reaches its own limit of 5.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 32; i++)
            statuses.Add((await SignInFrom($"10.2.0.{i % 8 + 1}", username, "wrong-password")).StatusCode);
        Assert.All(statuses.Take(19), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // The right password from an address it never used: refused, with Retry-After up to an hour.
        var stranger = await SignInFrom("10.3.0.1", username, "a-long-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode);
        Assert.InRange(int.Parse(stranger.Headers.GetValues("Retry-After").Single()), 1, 3600);
        // The leader's own address still works: the attacker cannot lock the leader out.
        Assert.Equal(HttpStatusCode.OK, (await SignInFrom("10.1.0.1", username, "a-long-password")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await SignInFrom("10.3.0.1", username, "a-long-password")).StatusCode);
    }

    [Fact]
    public async Task Guessing_the_current_password_of_a_change_is_throttled_and_audited_like_a_sign_in()
    {
        var username = await NewUser();
        var token = await app.SignIn(username, "a-long-password");
        var body = Api.Json(new { currentPassword = "wrong-password", newPassword = "another-long-password" });
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await app.SendFrom("10.4.0.1", "PUT", "/api/v1/me/password", body, token)).StatusCode);
        var fifth = await app.SendFrom("10.4.0.1", "PUT", "/api/v1/me/password", body, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.Contains("Retry-After"));
        // Locked now even with the right one, from that address.
        var right = Api.Json(new { currentPassword = "a-long-password", newPassword = "another-long-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.SendFrom("10.4.0.1", "PUT", "/api/v1/me/password", right, token)).StatusCode);

        var trail = await (await (await app.Client()).GetAsync("/api/v1/audit?limit=1000")).Expect(HttpStatusCode.OK);
        var failures = trail.EnumerateArray().Where(e => e.GetProperty("actor").GetString() == username && e.GetProperty("action").GetString() == "signInFailed").ToList();
        Assert.Equal(6, failures.Count);
        Assert.Equal(4, failures.Count(e => e.GetProperty("after").ToString().Contains("wrongCurrentPassword")));
    }

    [Fact]
    public async Task Failed_sign_ins_of_unknown_names_are_one_audit_entry_per_address_and_minute_with_the_count()
    {
        var admin = await app.Client();
        var unknown = Api.Id("nobody");
        for (var i = 0; i < 12; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFrom("10.5.0.1", $"{unknown}-{i}", "wrong-password")).StatusCode);
        for (var i = 0; i < 3; i++) await SignInFrom("10.5.0.2", unknown, "wrong-password");

        // Written once the minute is over.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<Cascade.Web.Identity.UnknownSignInLog>().FlushAsync();
        var trail = await (await admin.GetAsync("/api/v1/audit?limit=1000")).Expect(HttpStatusCode.OK);
        var entries = trail.EnumerateArray().Where(e => e.GetProperty("actor").GetString() == "(unknown)")
            .Select(e => JsonDocument.Parse(e.GetProperty("after").ToString()).RootElement)
            .Where(a => a.GetProperty("address").GetString()!.StartsWith("10.5.0.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, entries.Count);
        var counts = entries.ToDictionary(a => a.GetProperty("address").GetString()!, a => a.GetProperty("count").GetInt32());
        Assert.Equal(12, counts["10.5.0.1"]);
        Assert.Equal(3, counts["10.5.0.2"]);
        Assert.DoesNotContain(trail.EnumerateArray(), e => e.GetProperty("actor").GetString()!.StartsWith(unknown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_name_is_locked_out_as_an_account_would_be()
    {
        var unknown = Api.Id("ghost");
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFrom("10.6.0.1", unknown, "wrong-password")).StatusCode);
        var fifth = await SignInFrom("10.6.0.1", unknown, "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.Contains("Retry-After"));
    }
}
