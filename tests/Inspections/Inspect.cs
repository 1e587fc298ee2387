using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Inspections;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Inspections;

/// <summary>What the inspection tests share: starting one and waiting until it is captured.</summary>
internal static class Inspect
{
    public const string Route = "/api/v1/inspections";

    public static object Body(string id, string? unitId = null, string period = "2026-q2", string title = "二季度督查", string[]? inspectors = null) =>
        new { id, title, period, unitId, inspectorUnitIds = inspectors };

    /// <summary>Starts an inspection (202, capturing) and waits until its state is captured; answers its header.</summary>
    public static async Task<JsonElement> Capture(HttpClient client, string id, string? unitId = null, string period = "2026-q2")
    {
        var started = await (await client.PostAsJsonAsync(Route, Body(id, unitId, period))).Expect(HttpStatusCode.Accepted);
        Assert.Equal("capturing", started.GetProperty("state").GetString());
        JsonElement header = default;
        await Eventually.True(async () =>
        {
            header = await (await client.GetAsync($"{Route}/{id}")).Expect(HttpStatusCode.OK);
            return header.GetProperty("state").GetString() == "captured";
        }, $"inspection {id} is captured", TimeSpan.FromSeconds(60));
        return header;
    }

    public static IInspectionReaderGrain Reader(CascadeApp app) =>
        ((IGrainFactory)app.Services.GetService(typeof(IGrainFactory))!).GetGrain<IInspectionReaderGrain>(0);
}
