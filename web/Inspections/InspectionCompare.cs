using Cascade.Inspections;
using Cascade.Rollup;
using Cascade.Units;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Inspections;

/// <summary>
/// <c>GET /inspections/compare</c> (docs/api.md "Inspections"): the frozen figures of one inspection
/// against another's of the same scope, or against the live summaries of the same units.
/// </summary>
public static class InspectionCompare
{
    public const string Now = "now";

    /// <param name="from">The earlier side: an inspection's id.</param>
    /// <param name="to">The later side: an inspection's id, or <c>now</c>.</param>
    /// <param name="unit">The top unit (the scope when left out).</param>
    public static async Task<Results<Ok<ComparisonDto>, ProblemHttpResult>> Compare(
        HttpContext context, IGrainFactory grains, string? from = null, string? to = null, string? unit = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(from)) errors["from"] = ["from must name an inspection."];
        if (string.IsNullOrEmpty(to)) errors["to"] = ["to must name an inspection, or be now."];
        var depth = InspectionsApi.Depth(context);
        if (depth is null) errors["depth"] = [$"depth must be an integer from 0 to {InspectionsApi.MaxDepth}."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var (before, refusal) = await InspectionsApi.Captured(grains, from!);
        if (refusal is not null) return refusal;
        InspectionHeader? after = null;
        if (to != Now)
        {
            (after, refusal) = await InspectionsApi.Captured(grains, to!);
            if (refusal is not null) return refusal;
            if (after!.Request.UnitId != before!.Request.UnitId)
                return Problems.Invalid(new()
                {
                    ["to"] = [$"Inspection '{from}' covers unit '{before.Request.UnitId}' and inspection '{to}' covers unit '{after.Request.UnitId}': only inspections of one scope compare."],
                });
        }
        var top = unit ?? before!.Request.UnitId;
        if (!UnitRules.IsValidId(top)) return InspectionsApi.NotIn(from!, top);
        var reader = InspectionsApi.Reader(grains);
        var fromRows = await reader.Subtree(from!, top, depth!.Value);
        if (fromRows.Count == 0) return InspectionsApi.NotIn(from!, top);
        if (after is null)
        {
            var units = new List<ComparedUnit>(fromRows.Count);
            var live = await Task.WhenAll(fromRows.Select(r => grains.GetGrain<IUnitGrain>(r.UnitId).GetSummary()));
            for (var i = 0; i < fromRows.Count; i++)
                units.Add(ComparedUnit.Of(fromRows[i].UnitId, fromRows[i].Name, fromRows[i].SummaryAt(before!.TakenAt), live[i]));
            return TypedResults.Ok(new ComparisonDto(from!, Now, units));
        }
        var toRows = await reader.Subtree(to!, top, depth.Value);
        if (toRows.Count == 0) return InspectionsApi.NotIn(to!, top);
        return TypedResults.Ok(new ComparisonDto(from!, to!, Pair(fromRows, before!.TakenAt, toRows, after.TakenAt)));
    }

    /// <summary>Two inspections' rows of one subtree side by side: the earlier's units in its order, then those only the later holds.</summary>
    internal static List<ComparedUnit> Pair(IReadOnlyList<FrozenUnit> fromRows, DateTimeOffset fromAt, IReadOnlyList<FrozenUnit> toRows, DateTimeOffset toAt)
    {
        var units = new List<ComparedUnit>(fromRows.Count);
        var later = toRows.ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        foreach (var row in fromRows)
        {
            later.Remove(row.UnitId, out var then);
            units.Add(ComparedUnit.Of(row.UnitId, then?.Name ?? row.Name, row.SummaryAt(fromAt), then?.SummaryAt(toAt)));
        }
        // Units only the later inspection holds (added or moved in since), in its order.
        foreach (var row in toRows)
            if (later.ContainsKey(row.UnitId)) units.Add(ComparedUnit.Of(row.UnitId, row.Name, null, row.SummaryAt(toAt)));
        return units;
    }
}
