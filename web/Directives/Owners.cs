using Cascade.Directives;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Web.Directives;

/// <summary>
/// What the directive and schedule routes share: one owner grain serves both (a schedule is a
/// directive with a recurrence), so each route finds only its own kind, and the lists of units below one.
/// </summary>
public static class Owners
{
    public static IDirectiveGrain Owner(IGrainFactory grains, string id) => grains.GetGrain<IDirectiveGrain>(id);

    public static IOrganizationGrain Organization(IGrainFactory grains) => grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);

    /// <summary>The directive (or, with <paramref name="schedule"/>, the schedule) <paramref name="id"/>; null when there is none of that kind (a finding is neither).</summary>
    public static async Task<DirectiveView?> Find(IGrainFactory grains, string id, bool schedule) =>
        TaskRules.IsValidId(id) && await Owner(grains, id).Get() is { } view && view.Directive.IsSchedule == schedule && !view.Directive.IsFinding ? view : null;

    public static async Task<string?> Issuer(IGrainFactory grains, string id, bool schedule) =>
        (await Find(grains, id, schedule))?.Directive.IssuerUnitId;

    /// <summary>The issuers a list covers: the unit, and with <paramref name="subtree"/> every unit below it.</summary>
    public static async Task<IReadOnlyList<string>> Issuers(IGrainFactory grains, string issuer, bool subtree) =>
        subtree ? [issuer, .. Below(issuer, await Organization(grains).ListUnits(null) ?? [])] : [issuer];

    private static IEnumerable<string> Below(string id, IReadOnlyList<UnitInfo> units)
    {
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!);
        var stack = new Stack<string>([id]);
        while (stack.TryPop(out var at))
            foreach (var child in children[at]) { yield return child.Id; stack.Push(child.Id); }
    }

    /// <summary>Unit names for copy lists.</summary>
    public static async Task<Dictionary<string, string>> Names(IGrainFactory grains) =>
        (await Organization(grains).ListUnits(null) ?? []).ToDictionary(u => u.Id, u => u.Name);

    /// <summary>A copy list's <c>state</c> and <c>limit</c> (default 100); nulls when either is bad (<see cref="BadPage"/> says which).</summary>
    public static (CopyFilter?, int?) ReadPage(string? state, int? limit)
    {
        var filter = CopyFilter.All;
        if (state is not null && (!Enum.TryParse(state, ignoreCase: true, out filter) || int.TryParse(state, out _) || filter == CopyFilter.All))
            return (null, null);
        return limit is < 1 or > 1000 ? (null, null) : (filter, limit ?? 100);
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadPage(string? state) =>
        ReadPage(state, null) is (null, _)
            ? Http.Problems.Invalid(new() { ["state"] = ["state must be one of: notStarted, inProgress, blocked, done, overdue."] })
            : Http.Problems.Invalid(new() { ["limit"] = ["limit must be from 1 to 1000."] });

    /// <summary>The page with unit names; <c>next</c> set when it is full.</summary>
    public static async Task<CopyPage> Page(IGrainFactory grains, IReadOnlyList<CopyRow> rows, int take)
    {
        var names = await Names(grains);
        var page = rows.Select(r => CopyDto.From(r, names.GetValueOrDefault(r.UnitId, r.UnitId))).ToList();
        return new CopyPage(page, page.Count == take ? page[^1].UnitId : null);
    }

    /// <summary>The body's <c>issuerUnitId</c> when given: 400 when no such unit, 403 when the caller may not hand work down from it.</summary>
    public static async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?> IssuerRefusal(
        Http.RequestBody body, Microsoft.AspNetCore.Http.HttpContext context, IGrainFactory grains, Identity.WriteAccess access)
    {
        var issuer = body.Root is { ValueKind: System.Text.Json.JsonValueKind.Object } root
            && root.TryGetProperty("issuerUnitId", out var given) && given.ValueKind == System.Text.Json.JsonValueKind.String ? given.GetString() : null;
        if (issuer is null) return null;
        if (!UnitRules.IsValidId(issuer) || await Organization(grains).GetUnit(issuer) is null)
            return Http.Problems.Invalid(new() { ["issuerUnitId"] = [$"Unit '{issuer}' does not exist."] });
        return await access.MayWriteTasks(context, issuer) ? null : Http.Problems.Forbidden($"You may not hand work down from unit '{issuer}'.");
    }
}
