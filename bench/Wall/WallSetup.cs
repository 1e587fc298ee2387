using System.Net.Http.Json;
using Cascade.Bench.Hosting;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Wall;

/// <summary>
/// The organization a wall run watches: the demo department as the product seeds it, or the
/// <c>rollup</c> benchmark's province-scale tree; either way with one probe task whose weight
/// only the probe changes, and the tasks the load may update.
/// </summary>
public sealed record WallSetup(string RootId, int UnitCount, int TaskCount, string ProbeUrl, double BaseTotal, LeafTasks Load, string Description)
{
    public const string DemoProbeUnit = "gxjs";

    public static IReadOnlyDictionary<string, string?> HostSettings(bool demo) => new Dictionary<string, string?>
    {
        ["Cascade:Demo:Seed"] = demo ? "true" : "false",
    };

    /// <summary>The demo department, seeded by the product on start; the probe task is added over HTTP.</summary>
    /// <summary>A kiosk token for the root at <paramref name="depth"/>, made through the API as an admin would: walls connect with it.</summary>
    public static async Task<string> KioskAsync(BenchHost host, string rootId, int depth)
    {
        using var http = BenchHttp.Create(1);
        using var response = await http.PostAsJsonAsync(new Uri(host.Address, "/api/v1/kiosks"), new { name = "bench", unitId = rootId, depth });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
    }

    public static async Task<WallSetup> DemoAsync(BenchHost host, Action<string> log)
    {
        var grains = host.Grains;
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var rootId = await organization.GetRootId() ?? throw new InvalidOperationException("The demo department was not seeded.");
        var units = await organization.ListUnits(null) ?? [];
        var today = host.Services.GetRequiredService<DomainClock>().Today;
        using (var http = BenchHttp.Create(1))
        {
            var created = await http.PostAsJsonAsync(new Uri(host.Address, $"/api/v1/units/{DemoProbeUnit}/tasks"), new
            {
                id = TreePlan.ProbeTaskId,
                title = "Latency probe",
                track = "business",
                weight = TreePlan.ProbeInitialWeight,
                start = new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd"),
                due = new DateOnly(today.Year, 12, 31).ToString("yyyy-MM-dd"),
            });
            if (!created.IsSuccessStatusCode)
                throw new InvalidOperationException($"Creating the probe task answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }
        var tasks = new List<(string UnitId, TaskItem Task)>();
        foreach (var unit in units)
            foreach (var task in await grains.GetGrain<IUnitGrain>(unit.Id).GetTasks() ?? [])
                if (task.Id != TreePlan.ProbeTaskId || unit.Id != DemoProbeUnit) tasks.Add((unit.Id, task));
        var root = grains.GetGrain<IUnitGrain>(rootId);
        var total = tasks.Sum(t => t.Task.Weight) + TreePlan.ProbeInitialWeight;
        var settled = await TreeBuilder.WaitForRootAsync(root, tasks.Count + 1, total, TimeSpan.FromSeconds(30));
        if (settled is null) throw new InvalidOperationException("The demo root never showed the probe task.");
        log($"Demo department: {units.Count} units, {tasks.Count} tasks + the probe task in {DemoProbeUnit}; root '{rootId}' total weight {total}");
        return new WallSetup(rootId, units.Count, tasks.Count + 1,
            new Uri(host.Address, $"/api/v1/units/{DemoProbeUnit}/tasks/{TreePlan.ProbeTaskId}").ToString(), total,
            new LeafTasks(tasks, host.Address), $"the demo department ({units.Count} units, {tasks.Count + 1} tasks incl. the probe)");
    }

    /// <summary>The rollup benchmark's tree, built the same way (ImportUnits, then ImportTasks).</summary>
    public static async Task<WallSetup> ProvinceAsync(BenchHost host, WallOptions options, Action<string> log)
    {
        var grains = host.Grains;
        var clock = host.Services.GetRequiredService<DomainClock>();
        var plan = TreePlan.Create(options.Units, options.TasksPerUnit, options.Seed, clock.Today.Year);
        log($"Tree levels {string.Join(" / ", plan.LevelSizes.Select(s => s.ToString("N0")))}, {plan.TaskCount:N0} tasks");
        var leafTasks = new LeafTasks(plan, host.Address);
        var builder = new TreeBuilder(grains, plan, leafTasks);
        var units = await builder.ImportUnitsAsync(options.UnitBatch, log);
        log($"Units imported: {plan.Units.Length:N0} in {units.Elapsed.TotalSeconds:F1} s; {units.Describe()}");
        var tasks = await builder.ImportTasksAsync(options.ImportParallelism, log);
        log($"Tasks imported: {plan.TaskCount:N0} in {tasks.Elapsed.TotalSeconds:F1} s; {tasks.Describe()}");
        var root = grains.GetGrain<IUnitGrain>(plan.RootId);
        var settled = await TreeBuilder.WaitForRootAsync(root, plan.TaskCount, builder.TotalWeight, TimeSpan.FromSeconds(120))
            ?? throw new InvalidOperationException("The root never showed every task.");
        log($"Root showed all {plan.TaskCount:N0} tasks {settled.TotalMilliseconds:N0} ms after the last import; RSS {ProcessFacts.Mb(ProcessFacts.Rss)}");
        return new WallSetup(plan.RootId, plan.Units.Length, plan.TaskCount,
            new Uri(host.Address, $"/api/v1/units/{plan.Units[plan.ProbeUnit].Id}/tasks/{TreePlan.ProbeTaskId}").ToString(),
            builder.TotalWeight, leafTasks,
            $"{plan.Units.Length:N0} units (levels {string.Join(" / ", plan.LevelSizes.Select(s => s.ToString("N0")))}), {plan.TaskCount:N0} tasks");
    }
}
