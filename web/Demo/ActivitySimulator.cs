using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Demo;

/// <summary>
/// Optional (<c>Cascade:Demo:Simulate</c>): every few seconds moves one demo task whose window
/// is still open, through the same grain calls as the API, so a wall has something to show.
/// Mostly forward; now and then a finished task in an open window is reopened a little, so the
/// demo never runs out of work. Tasks whose due date has passed are left alone: the
/// simulator must not make the demo department overdue.
/// </summary>
public sealed class ActivitySimulator(IGrainFactory grains, DomainClock clock, IOptions<DemoOptions> options) : BackgroundService
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
            var today = clock.Today;
            var open = (await unit.GetTasks() ?? []).Where(t => t.Start <= today && t.Due >= today).ToList();
            if (open.Count == 0) continue;
            var task = open[random.Next(open.Count)];
            var patch = task.Status == TaskItemStatus.Done
                ? new TaskPatch { Progress = 70 + random.Next(25) }
                : new TaskPatch { Progress = Math.Min(100, task.Progress + 3 + random.Next(10)) };
            await unit.PatchTask(task.Id, patch, null, "simulator");
        }
    }
}
