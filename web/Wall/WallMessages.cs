using Cascade.Tasks;
using Cascade.Rollup;
using Cascade.Units;
using Cascade.Wall;

namespace Cascade.Web.Wall;

/// <summary>One unit of a wall's snapshot (docs/api.md "Live push").</summary>
public sealed record WallUnit(string Id, string? ParentId, string Name, UnitKind Kind, int Sort, int Depth, Summary Summary);

/// <summary>What <c>Watch</c> returns; <c>TimeZone</c> is the organization's calendar; <c>Directives</c> those the watched unit issued.</summary>
public sealed record WallSnapshot(
    DateTimeOffset ServerTime, string ServerBuild, string UnitId, int Depth,
    IReadOnlyList<WallUnit> Units, IReadOnlyList<object> Alerts, IReadOnlyList<TaskChange> Changes, string TimeZone,
    IReadOnlyList<Cascade.Directives.DirectiveRow> Directives);

/// <summary>One item of the <c>summaries</c> message.</summary>
public sealed record SummaryMessage(string UnitId, long Version, Summary Summary);

/// <summary>The <c>structure</c> message.</summary>
public sealed record StructureMessage(string UnitId);
