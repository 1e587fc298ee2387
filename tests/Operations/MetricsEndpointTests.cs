using System.Globalization;
using System.Net;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Operations;

/// <summary>
/// docs/api.md "Operations": <c>GET /metrics</c> answers Prometheus text, without sign-in, with the
/// <c>Cascade</c> meter's instruments (docs/operations.md "Metrics") and Orleans' and ASP.NET Core's.
/// The instruments are process-wide, so other tests' work may add to what is read here: every
/// assertion is a lower bound that this test's own work guarantees.
/// </summary>
public sealed class MetricsEndpointTests(MetricsEndpointTests.App app) : IClassFixture<MetricsEndpointTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task Metrics_answer_Prometheus_text_with_the_Cascade_instruments_after_task_updates()
    {
        await using var branch = await WatchedBranch.CreateAsync(app, "metered");
        foreach (var progress in new[] { 10, 20, 30 })
            await (await branch.Client.Patch(branch.Task, Api.Json(new { progress }))).Expect(HttpStatusCode.OK);
        await (await branch.Client.Patch(branch.Task, Api.Json(new { status = "blocked" }))).Expect(HttpStatusCode.OK);

        using var scraper = app.CreateAnonymousClient();
        var text = "";
        await Eventually.True(async () =>
        {
            using var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
            return Sum(text, "cascade_wall_pushes_total") > 0 && Sum(text, "cascade_alerts_open", "severity=\"amber\"") >= 1;
        }, "the push and the blocked task's alert show in /metrics");

        Assert.True(Sum(text, "cascade_task_updates_total", "operation=\"update\"") >= 4, text);
        Assert.True(Sum(text, "cascade_task_updates_total", "operation=\"create\"") >= 1, text);
        Assert.True(Sum(text, "cascade_rollup_propagation_seconds_count") >= 1, "the branch's changes reached the root");
        Assert.True(Sum(text, "cascade_wall_pushes_total", "message=\"summaries\"") >= 1, text);
        Assert.True(Sum(text, "cascade_wall_push_bytes_total") > 100, text);
        Assert.True(Sum(text, "cascade_wall_connections") >= 1, text);
        Assert.True(Sum(text, "cascade_storage_write_duration_seconds_count", "kind=\"grainState\"") >= 5, text);
        Assert.Contains("# TYPE cascade_rollup_propagation_seconds histogram", text);
        Assert.Contains("# TYPE cascade_alerts_open gauge", text);
        Assert.Contains("orleans_", text); // Orleans' own meter
        Assert.Contains("http_server_request_duration_seconds", text); // ASP.NET Core's
    }

    /// <summary>The sum of every sample of <paramref name="name"/> (all its label sets, or those containing <paramref name="label"/>).</summary>
    private static double Sum(string text, string name, string? label = null) => text.Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
        .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
