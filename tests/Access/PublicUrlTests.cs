using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Extensions.Configuration;

namespace Cascade.Tests.Access;

/// <summary><c>Cascade:PublicUrl</c>: the address kiosk links and their QR codes are built on, whatever host the request came to.</summary>
public sealed class PublicUrlTests(PublicUrlTests.App app) : IClassFixture<PublicUrlTests.App>
{
    public sealed class App() : ApiApp(new() { ["Cascade:PublicUrl"] = "https://cascade.example.gov.cn/dj/" });

    [Fact]
    public async Task A_kiosk_link_and_its_QR_code_use_the_public_address()
    {
        var kiosk = await (await (await app.Client()).PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId = ApiApp.Root, depth = 2 }))
            .Expect(HttpStatusCode.Created);
        var url = kiosk.GetProperty("url").GetString()!;
        Assert.StartsWith($"https://cascade.example.gov.cn/dj/wall?unit={ApiApp.Root}&depth=2&kiosk=", url);
        Assert.Equal(Cascade.Web.Identity.KioskQr.PngDataUrl(url), kiosk.GetProperty("qr").GetString());
    }

    [Fact]
    public async Task The_wall_link_printed_at_start_uses_the_public_address()
    {
        using var folder = new TempDirectory();
        await using var web = await WebProcess.StartAsync(folder.Path, folder.File("cascade.db"), "--Cascade:Demo:Seed=true", "--Cascade:PublicUrl=https://cascade.example.gov.cn/dj");
        await Eventually.True(() => Task.FromResult(web.Output.Contains("The wall: https://cascade.example.gov.cn/dj/wall?unit=kjt&depth=2&kiosk=", StringComparison.Ordinal)),
            "the printed wall link is on Cascade:PublicUrl");
    }

    [Theory]
    [InlineData("cascade.example.gov.cn")]
    [InlineData("ftp://cascade.example.gov.cn")]
    [InlineData("https://cascade.example.gov.cn/?a=1")]
    public void A_public_address_that_is_not_an_http_URL_stops_the_start(string value)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Cascade:PublicUrl"] = value }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => Cascade.Web.Http.PublicAddress.Configured(settings));
        Assert.Contains("Cascade:PublicUrl", error.Message);
    }
}
