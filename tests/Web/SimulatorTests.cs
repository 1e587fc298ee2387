using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Web.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Web;

public sealed class SimulatorTests
{
    [Fact]
    public async Task The_activity_simulator_keeps_changing_demo_progress()
    {
        await using var app = new CascadeApp(seedDemo: true, new()
        {
            ["Cascade:Demo:Simulate"] = "true",
            ["Cascade:Demo:SimulateEvery"] = "00:00:00.050",
        });
        var client = app.CreateClient();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
        await Eventually.True(async () =>
        {
            var now = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
            return now.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64()
                && now.GetProperty("all").GetProperty("progress").GetDouble() != first.GetProperty("all").GetProperty("progress").GetDouble();
        }, "the root's progress moved with no client writing");
    }

    [Fact]
    public async Task The_simulator_never_touches_a_task_whose_due_date_has_passed()
    {
        await using var app = new CascadeApp(seedDemo: true, new()
        {
            ["Cascade:Demo:Simulate"] = "true",
            ["Cascade:Demo:SimulateEvery"] = "00:00:00.010",
        });
        var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
        await Eventually.True(async () =>
        {
            var now = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
            return now.GetProperty("version").GetInt64() > before.GetProperty("version").GetInt64() + 50;
        }, "the simulator made many changes");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).DateTime);
        foreach (var unit in await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units") ?? [])
        foreach (var task in await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{unit.GetProperty("id").GetString()}/tasks") ?? [])
        {
            if (DateOnly.Parse(task.GetProperty("due").GetString()!) < today)
                Assert.Equal(Seeded(task), task.GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task The_simulator_is_off_by_default()
    {
        await using var app = new CascadeApp(seedDemo: true);
        Assert.False(app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Simulate);
        var client = app.CreateClient();
        var tasks = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/bgs/tasks");
        Assert.All(tasks!, t => Assert.Equal(Seeded(t), t.GetProperty("version").GetInt64()));
    }

    /// <summary>
    /// A demo task's version as seeded: 1, or 2 for a copy of 机关党委's directives the branch
    /// reported once after it was issued (every copy that is not 未开始) and for an instance of its
    /// schedules the branch held (done).
    /// </summary>
    private static long Seeded(JsonElement task) => task switch
    {
        _ when task.GetProperty("directiveId").ValueKind == JsonValueKind.String => task.GetProperty("status").GetString() != "notStarted" ? 2 : 1,
        _ when task.GetProperty("scheduleId").ValueKind == JsonValueKind.String => task.GetProperty("status").GetString() == "done" ? 2 : 1,
        _ => 1,
    };
}
