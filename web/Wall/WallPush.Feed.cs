using Cascade.Units;
using Cascade.Wall;

namespace Cascade.Web.Wall;

/// <summary>The feed side of <see cref="WallPush"/>: batches folded into the groups, changes of shape, and the subscription to every partition.</summary>
public sealed partial class WallPush
{
    /// <summary>Folds every waiting batch into the groups; returns the units whose place changed.</summary>
    private List<string> Drain()
    {
        var structure = new List<string>();
        var now = Now();
        lock (_gate)
        {
            while (_inbox.Reader.TryRead(out var arrival))
            {
                var (batch, trace) = arrival;
                structure.AddRange(batch.Structure);
                foreach (var row in batch.Directives ?? [])
                foreach (var group in _groups.Values)
                {
                    if (group.Key.UnitId != row.IssuerUnitId) continue;
                    group.Directives[row.Id] = row;
                    group.Touch(now);
                }
                foreach (var update in batch.Updates)
                foreach (var group in _groups.Values)
                {
                    if (!group.View.Contains(update.UnitId)) continue;
                    if (!group.Latest.TryGetValue(update.UnitId, out var held) || held.Version < update.Version)
                    {
                        group.Latest[update.UnitId] = new SummaryMessage(update.UnitId, update.Version, update.Summary);
                        group.Changed.Add(update.UnitId);
                        group.Touch(now);
                        if (group.SummariesTrace == default) group.SummariesTrace = trace;
                    }
                    if (update.Alerts is { Count: > 0 } alerts)
                    {
                        foreach (var alert in alerts) group.Alerts[alert.Id] = alert;
                        if (group.TickerTrace == default) group.TickerTrace = trace;
                    }
                    // The watched unit's own updates carry its whole subtree's changes.
                    if (update.UnitId == group.Key.UnitId && update.Changes.Count > 0)
                    {
                        group.Changes.AddRange(update.Changes);
                        if (group.Changes.Count > MaxTickerItems) group.Changes.RemoveRange(0, group.Changes.Count - MaxTickerItems);
                        if (group.TickerTrace == default) group.TickerTrace = trace;
                    }
                }
            }
        }
        return structure;
    }

    private async Task ApplyStructure(List<string> touched)
    {
        await ReloadDirectory();
        var now = Now();
        lock (_gate)
        {
            foreach (var group in _groups.Values)
            {
                var view = _directory.View(group.Key.UnitId, group.Key.Depth);
                if (touched.Any(id => group.View.Contains(id) || view.Contains(id)))
                {
                    group.Structure = true;
                    group.Touch(now);
                }
                if (!view.SetEquals(group.View)) _watchChanged = true;
                group.View = view;
                foreach (var gone in group.Latest.Keys.Where(id => !view.Contains(id)).ToList()) group.Latest.Remove(gone);
                group.Changed.IntersectWith(view);
                foreach (var wall in group.Connections) wall.Missed.IntersectWith(view);
            }
        }
    }

    private void SubscribeAgain()
    {
        lock (_gate) _watchChanged = true;
        _wake.Release();
    }

    private async Task ReloadDirectory()
    {
        var units = await client.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        lock (_gate) _directory.Load(units);
    }

    private async Task Subscribe()
    {
        List<string> watched;
        lock (_gate) watched = _groups.Values.SelectMany(g => g.View).Distinct().ToList();
        try
        {
            await Task.WhenAll(WallPartitions.All(client).Select(feed => feed.Subscribe(_reference!, watched)));
        }
        catch (Exception error)
        {
            LogSubscribeFailed(error);
            lock (_gate) _watchChanged = true; // try again at once
        }
        _wake.Release();
    }
}
