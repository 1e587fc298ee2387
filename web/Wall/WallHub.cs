using Cascade.Alerts;
using Cascade.Directives;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Alerts;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Cascade.Web.Wall;

/// <summary>
/// <c>/hubs/wall</c> (docs/api.md "Live push"): <c>Watch(unitId, depth)</c> answers a snapshot and
/// puts the connection in that view's group; <see cref="WallPush"/> then sends it
/// <c>summaries</c>, <c>changes</c> and <c>structure</c>. A bad <c>Watch</c> is a hub error and
/// the connection stays usable. Only signed-in users and kiosk tokens connect (the fallback
/// policy); <see cref="WallSessionCheck"/> cuts connections whose credential has ended.
/// </summary>
public sealed class WallHub(IGrainFactory grains, WallPush push, ServerBuild build, DomainClock clock) : Hub
{
    public async Task<WallSnapshot> Watch(string unitId, int depth)
    {
        if (depth is < 0 or > WatchKey.MaxDepth)
            throw new HubException($"depth must be from 0 to {WatchKey.MaxDepth}.");
        if (!UnitRules.IsValidId(unitId))
            throw new HubException($"Unit '{WallHubLog.Cut(unitId)}' does not exist.");
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        if (await organization.GetUnit(unitId) is null)
            throw new HubException($"Unit '{unitId}' does not exist.");
        // A kiosk link shows its unit and the units below it to its depth, and any of those units
        // to the same bottom level (a tile opened on the wall). Asked for more: say what it allows
        // (the wall shows it and stops asking).
        if (Context.User is { } user && KioskScope.Of(user) is { } scope && !await new KioskScope(grains).MayRead(user, unitId, depth))
            throw new HubException(Kiosks.Refusal(scope.UnitId, (await organization.GetUnit(scope.UnitId))?.Name, scope.Depth));

        await push.Ready;
        // Join first, then read: anything that changes after this point reaches the wall,
        // and the wall drops what the snapshot already holds by version.
        push.Watch(Context.ConnectionId, new WatchKey(unitId, depth));
        var tree = await organization.GetTree(unitId, depth)
            ?? throw new HubException($"Unit '{unitId}' does not exist.");
        var changes = await grains.GetGrain<IUnitGrain>(unitId).GetRecentChanges();
        var units = new List<WallUnit>();
        Flatten(tree, 0, units);
        // The open alerts that sit with the units in view (their own, and those that climbed to
        // them from below the view), newest first.
        var own = await Task.WhenAll(units.Select(u => grains.GetGrain<IUnitGrain>(u.Id).GetAlerts(false)));
        var climbed = await AlertIndexPartitions.EscalatedTo(grains, [.. units.Select(u => u.Id)]);
        var alerts = own.SelectMany(a => a).Concat(climbed).DistinctBy(a => a.Id).OrderByDescending(a => a.FiredAt).Select(AlertDto.From).ToList<object>();
        var issued = await grains.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Issued([unitId]);
        var directives = (await Task.WhenAll(issued.Select(id => grains.GetGrain<IDirectiveGrain>(id).Row()))).OfType<DirectiveRow>().ToList();
        return new WallSnapshot(DateTimeOffset.UtcNow, build.Id, unitId, depth, units, alerts, changes, clock.Zone.Id, directives);
    }

    private static void Flatten(TreeNode node, int depth, List<WallUnit> into)
    {
        into.Add(new WallUnit(node.Id, node.ParentId, node.Name, node.Kind, node.Sort, depth, node.Summary));
        foreach (var child in node.Children) Flatten(child, depth + 1, into);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        push.Leave(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
