using Cascade.Tasks;
using Cascade.Units;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Demo;

/// <summary>
/// Optional (<c>Cascade:Demo:Simulate</c>): moves one demo task forward every few seconds,
/// through the same grain calls as the API, so a wall has something to show.
/// </summary>
public sealed class ActivitySimulator(IGrainFactory grains, IOptions<DemoOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Simulate) return;
        var random = new Random();
        var units = DemoOrganization.Units().Select(u => u.Id).ToArray();
        using var timer = new PeriodicTimer(options.Value.SimulateEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var unit = grains.GetGrain<IUnitGrain>(units[random.Next(units.Length)]);
            if (await unit.GetTasks() is not { Count: > 0 } tasks) continue;
            var task = tasks[random.Next(tasks.Count)];
            var patch = task.Status == TaskItemStatus.Done
                ? new TaskPatch { Progress = 40 + random.Next(40) }
                : new TaskPatch { Progress = Math.Min(100, task.Progress + 5 + random.Next(15)) };
            await unit.PatchTask(task.Id, patch, null, "simulator");
        }
    }
}
