using Cascade.Audit;
using Cascade.Time;
using Cascade.Units;

namespace Cascade.Web.Demo;

/// <summary>Seeds the demo department (<see cref="DemoOrganization"/>) through the real grains.</summary>
public sealed partial class DemoSeeder(IGrainFactory grains, DomainClock clock, ILogger<DemoSeeder> logger)
{
    public async Task<int> SeedAsync()
    {
        var units = DemoOrganization.Units();
        var imported = await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ImportUnits(units, AuditActions.System);
        if (!imported.Succeeded) throw new InvalidOperationException($"Seeding the demo failed: {imported.Detail}");
        var tasks = DemoOrganization.Tasks(clock.Today);
        await Task.WhenAll(tasks.Select(async pair =>
        {
            var result = await grains.GetGrain<IUnitGrain>(pair.Key).ImportTasks(pair.Value, AuditActions.System);
            if (!result.Succeeded) throw new InvalidOperationException($"Seeding tasks of {pair.Key} failed: {result.Detail}");
        }));
        var copies = await DemoDirectives.IssueAsync(grains, clock.Today);
        var instances = await DemoSchedules.IssueAsync(grains, clock.Today);
        LogSeeded(units.Count, tasks.Sum(t => t.Value.Count), copies, instances);
        return units.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo department: {Units} units, {Tasks} tasks, {Copies} copies of 机关党委's directives, {Instances} instances of its schedules")]
    private partial void LogSeeded(int units, int tasks, int copies, int instances);
}
