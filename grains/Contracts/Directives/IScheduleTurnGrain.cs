using Orleans.Concurrency;

namespace Cascade.Directives;

/// <summary>
/// One period change (key: the local date, <c>2027-04-01</c>): every schedule whose period turned
/// hands out its new instances through it, so each target unit gets all of its new instances in
/// one call and writes its state once for them (docs/architecture.md "Schedules").
/// </summary>
public interface IScheduleTurnGrain : IGrainWithStringKey
{
    /// <summary>Schedules whose period is due: they join the change (those already in it are not asked again).</summary>
    [OneWay] Task Start(string[] scheduleIds);
    /// <summary>Goes on with unfinished work (after a restart; idempotent).</summary>
    [OneWay] Task Run();
}
