using System.Net;
using Cascade.Tests.Web;

namespace Cascade.Tests.Access;

/// <summary>Issue "security headers": only the app's own scripts, no sniffing, no referrer, no framing; the hub only for this origin's pages.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.App app) : IClassFixture<SecurityHeadersTests.App>
{
    public sealed class App : ApiApp;

    [Theory]
    [InlineData("/wall")]
    [InlineData("/wall/main.js")]
    [InlineData("/app")]
    [InlineData("/app/main.js")]
    [InlineData("/api/v1/units")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await (await app.Client()).GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_hub_refuses_a_page_of_another_origin_and_takes_its_own()
    {
        var client = await app.Client();
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/hubs/wall/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        await (await client.SendAsync(foreign)).Problem(HttpStatusCode.Forbidden);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/hubs/wall/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", $"{client.BaseAddress!.Scheme}://{client.BaseAddress.Authority}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
        using var script = new HttpRequestMessage(HttpMethod.Post, "/hubs/wall/negotiate?negotiateVersion=1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(script)).StatusCode);
    }

    [Fact]
    public async Task An_api_write_from_another_origin_is_refused_and_changes_nothing()
    {
        var client = await app.Client();
        var id = Api.Id("origin");
        using var foreign = new HttpRequestMessage(HttpMethod.Post, Api.Units)
        {
            Content = new StringContent(Api.Json(new { id, parentId = ApiApp.Root, name = "跨站", kind = "branch" }), System.Text.Encoding.UTF8, "application/json"),
        };
        foreign.Headers.Add("Origin", "https://evil.example");
        await (await client.SendAsync(foreign)).Problem(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);

        using var read = new HttpRequestMessage(HttpMethod.Get, Api.Units);
        read.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, Api.Units)
        {
            Content = new StringContent(Api.Json(new { id, parentId = ApiApp.Root, name = "本站", kind = "branch" }), System.Text.Encoding.UTF8, "application/json"),
        };
        own.Headers.Add("Origin", $"{client.BaseAddress!.Scheme}://{client.BaseAddress.Authority}");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Https_answers_carry_hsts_for_a_year_and_plain_http_none()
    {
        var secure = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var answer = await secure.GetAsync("/healthz");
        Assert.Equal("max-age=31536000", answer.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False((await (await app.Client()).GetAsync("/healthz")).Headers.Contains("Strict-Transport-Security"));
    }
}
