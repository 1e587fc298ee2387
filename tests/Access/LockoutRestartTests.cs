using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>A lockout of an existing account is stored with it: a restart does not let the guesser in sooner.</summary>
public sealed class LockoutRestartTests
{
    [Fact]
    public async Task A_locked_account_and_address_stay_locked_after_a_restart()
    {
        using var folder = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Cascade:Storage:Sqlite:Path"] = folder.File("cascade.db") };
        const string username = "leader-1";
        await using (var first = new CascadeApp(seedDemo: false, settings))
        {
            await (await first.CreateClient().PostAsJsonAsync("/api/v1/users",
                new { username, password = "a-long-password", displayName = "领导", role = "leader" })).Expect(HttpStatusCode.Created);
            for (var i = 0; i < 5; i++) await first.SignInFrom("10.9.0.1", username, "wrong-password");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await first.SignInFrom("10.9.0.1", username, "a-long-password")).StatusCode);
        }

        await using var second = new CascadeApp(seedDemo: false, settings);
        var locked = await second.SignInFrom("10.9.0.1", username, "a-long-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single()), 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, (await second.SignInFrom("10.9.0.2", username, "a-long-password")).StatusCode);
        second.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await second.SignInFrom("10.9.0.1", username, "a-long-password")).StatusCode);
    }

    [Fact]
    public async Task X_forwarded_for_names_the_client_only_behind_a_known_proxy()
    {
        var settings = new Dictionary<string, string?> { ["Cascade:ForwardedHeaders:KnownProxies:0"] = "10.8.0.1" };
        await using var app = new CascadeApp(seedDemo: false, settings);
        const string username = "editor-1";
        await (await app.CreateClient().PostAsJsonAsync("/api/v1/users",
            new { username, password = "a-long-password", displayName = "编辑", role = "viewer" })).Expect(HttpStatusCode.Created);
        Dictionary<string, string> From(string client) => new() { ["X-Forwarded-For"] = client };

        // Through the proxy: each client counts on its own, so 5 failures of one leave another free.
        for (var i = 0; i < 5; i++) await app.SignInFrom("10.8.0.1", username, "wrong-password", From("192.0.2.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.SignInFrom("10.8.0.1", username, "a-long-password", From("192.0.2.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SignInFrom("10.8.0.1", username, "a-long-password", From("192.0.2.2"))).StatusCode);

        // From anywhere else the header is ignored: changing it does not get round a lockout.
        for (var i = 0; i < 5; i++) await app.SignInFrom("10.7.0.1", username, "wrong-password", From($"198.51.100.{i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.SignInFrom("10.7.0.1", username, "a-long-password", From("198.51.100.99"))).StatusCode);
    }
}
