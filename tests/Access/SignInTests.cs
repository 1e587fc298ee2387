using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>api.md "Identity and access": tokens, sign-in protection, the caller's own account.</summary>
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

    /// <summary>POST /api/v1/auth/token from a given client address (TestServer lets the test set it).</summary>
    private async Task<HttpResponseMessage> SignInFrom(string address, string username, string password)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/api/v1/auth/token";
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Api.Json(new { username, password })));
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new StreamContent(context.Response.Body),
        };
        foreach (var (name, values) in context.Response.Headers) response.Headers.TryAddWithoutValidation(name, values.ToArray());
        return response;
    }

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
}
