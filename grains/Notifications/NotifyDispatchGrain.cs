using Cascade.Units;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cascade.Notifications;

/// <summary>
/// Matches a unit's events to the configured routes (subtree, <c>MinSeverity</c>, <c>Events</c>)
/// and hands each route its share; answers once every route stored its share.
/// </summary>
[StatelessWorker]
public sealed class NotifyDispatchGrain(IOptions<NotifyOptions> options) : Grain, INotifyDispatchGrain
{
    public async Task Dispatch(IReadOnlyList<NotifyEvent> events)
    {
        if (events.Count == 0 || !options.Value.Enabled) return;
        var organization = GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var units = events.Select(e => e.Alert.UnitId).Distinct(StringComparer.Ordinal).ToList();
        var accepts = new List<Task>();
        foreach (var (name, route) in options.Value.Routes)
        {
            var takes = events.Where(e => NotifyFilter.Takes(route, e)).ToList();
            if (takes.Count == 0) continue;
            var inside = (await organization.Within(route.Unit, units)).ToHashSet(StringComparer.Ordinal);
            var mine = takes.Where(e => inside.Contains(e.Alert.UnitId)).ToList();
            if (mine.Count > 0) accepts.Add(GrainFactory.GetGrain<INotifyRouteGrain>(name).Accept(mine));
        }
        await Task.WhenAll(accepts);
    }
}
