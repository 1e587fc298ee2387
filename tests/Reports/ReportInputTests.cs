using System.Net;
using Cascade.Tests.Web;

namespace Cascade.Tests.Reports;

/// <summary>The year report's bad input (docs/api.md "Year report"): 400 naming the field, 404 for an unknown unit, never 500.</summary>
public sealed class ReportInputTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("year=26")]
    [InlineData("year=02026")]
    [InlineData("year=1999")]
    [InlineData("year=2101")]
    [InlineData("year=abcd")]
    [InlineData("year=-2026")]
    [InlineData("year=2026&year=2027")]
    [InlineData("year=")]
    public async Task A_year_that_is_not_four_digits_in_range_is_400(string query)
    {
        var client = await app.Client();
        foreach (var route in new[] { "report", "report.xlsx" })
        {
            var problem = await (await client.GetAsync($"{Api.Units}/{ApiApp.Root}/{route}?{query}")).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("year", out _), $"{route}?{query}");
        }
    }

    [Theory]
    [InlineData("depth=11")]
    [InlineData("depth=-1")]
    [InlineData("depth=x")]
    public async Task A_depth_outside_0_to_10_is_400(string query)
    {
        var client = await app.Client();
        var problem = await (await client.GetAsync($"{Api.Units}/{ApiApp.Root}/report?{query}")).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("depth", out _));
    }

    [Fact]
    public async Task An_unknown_unit_is_404_and_a_missing_year_is_the_current_one()
    {
        var client = await app.Client();
        await (await client.GetAsync($"{Api.Units}/no-such-unit/report?year=2026")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}/no-such-unit/report.xlsx")).Problem(HttpStatusCode.NotFound);
        var report = await (await client.GetAsync($"{Api.Units}/{ApiApp.Root}/report")).Expect(HttpStatusCode.OK);
        Assert.Equal(2026, report.GetProperty("year").GetInt32()); // the test clock's year
        Assert.Equal(1, report.GetProperty("depth").GetInt32());
        var xlsx = await client.GetAsync($"{Api.Units}/{ApiApp.Root}/report.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }
}
