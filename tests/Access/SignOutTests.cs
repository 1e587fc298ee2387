using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>Signing a token out ends its session on the server: a copy of it is refused afterwards, other sessions live on. (The cookie's: LoginPageTests.)</summary>
public sealed class SignOutTests(SignOutTests.App app) : IClassFixture<SignOutTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    private async Task<string> NewUser()
    {
        var username = Api.Id("person");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "人", role = "viewer" })).Expect(HttpStatusCode.Created);
        return username;
    }

    [Fact]
    public async Task A_bearer_token_is_refused_after_auth_logout_and_a_new_sign_in_works()
    {
        var username = await NewUser();
        var token = await app.SignIn(username, Password);
        var client = app.CreateClient(token);
        var other = app.CreateClient(await app.SignIn(username, Password));
        await (await client.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        await (await client.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await app.CreateClient(token).GetAsync("/api/v1/units")).Problem(HttpStatusCode.Unauthorized);
        await (await other.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        var trail = await (await (await app.Client()).GetAsync("/api/v1/audit?limit=1000")).Expect(HttpStatusCode.OK);
        Assert.Single(trail.EnumerateArray(), e => e.GetProperty("actor").GetString() == username && e.GetProperty("action").GetString() == "signOut");
    }
}
