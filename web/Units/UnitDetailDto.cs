using Cascade.Rollup;
using Cascade.Units;

namespace Cascade.Web.Units;

/// <summary>docs/api.md <c>GET /units/{id}</c>: the unit, its children's ids and its summary.</summary>
public sealed record UnitDetailDto(string Id, string? ParentId, string Name, UnitKind Kind, int Sort, IReadOnlyList<string> Children, Summary Summary)
{
    public static UnitDetailDto From(UnitView v) =>
        new(v.Unit.Id, v.Unit.ParentId, v.Unit.Name, v.Unit.Kind, v.Unit.Sort, v.Children, v.Summary);
}
