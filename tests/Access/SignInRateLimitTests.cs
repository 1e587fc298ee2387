using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Access;

/// <summary>Sign-in attempts are limited per client address, whatever the account (here 3 a minute instead of 300).</summary>
public sealed class SignInRateLimitTests(SignInRateLimitTests.App app) : IClassFixture<SignInRateLimitTests.App>
{
    public sealed class App() : CascadeApp(seedDemo: false, new() { ["Cascade:SignIn:PerAddressPerMinute"] = "3" });

    [Fact]
    public async Task Attempts_beyond_the_limit_are_429_with_retry_after_even_with_the_right_password()
    {
        var anonymous = app.Server.CreateClient(); // not CreateClient: that signs the admin in, which counts too
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = $"nobody{i}", password = "not-the-password" })).StatusCode);
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = CascadeApp.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
