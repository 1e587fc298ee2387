using System.Text.Json.Serialization;
using Cascade.Directives;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Text;
using Cascade.Web.Http;

namespace Cascade.Web.Directives;

/// <summary>docs/api.md <c>Directive</c>: the record, its targets and failures, and its copies' roll-up.</summary>
public sealed record DirectiveDto(
    string Id, string IssuerUnitId, string Title, Track Track, double Weight, DateOnly Start, DateOnly Due, Expectation Expectation, string Note,
    IReadOnlyList<string> Tags, string State, long Version, int TargetCount, IReadOnlyList<FailedTargetDto> FailedTargets,
    DirectiveRollupDto Rollup, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset UpdatedAt, string? UpdatedBy, string? UpdatedByName)
{
    public static DirectiveDto From(DirectiveView v, HealthOptions health)
    {
        var d = v.Directive;
        return new(d.Id, d.IssuerUnitId, d.Title, d.Track, d.Weight, d.Start, d.Due, d.Expectation, d.Note, d.Tags ?? [],
            d.State == DirectiveState.Deployed ? "deployed" : "deploying", d.Version, v.TargetCount,
            [.. v.FailedTargets.Select(f => new FailedTargetDto(f.UnitId, f.Reason ?? ""))], DirectiveRollupDto.From(v.Rollup, health),
            d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.UpdatedBy, ActorNames.Of(d.UpdatedBy, d.UpdatedByName));
    }

    [JsonIgnore]
    public string ETag => ETags.Of(Version);
}

/// <summary>A target that could not get its copy: <c>idTaken</c>, <c>taskLimit</c> or <c>unitGone</c>.</summary>
public sealed record FailedTargetDto(string UnitId, string Reason);

/// <summary>
/// The copies' roll-up: a summary's <c>all</c> figures over the copies, how many targets hold one
/// and how many are done, not started or overdue, and the health by the roll-up's rules.
/// </summary>
public sealed record DirectiveRollupDto(
    int Targets, int DoneUnits, int NotStartedUnits, int OverdueUnits, TrackSummary All, Health Health, double? Lag,
    IReadOnlyList<HealthReason> HealthReasons)
{
    public static DirectiveRollupDto From(CopyTotals t, HealthOptions o)
    {
        var reasons = HealthRules.ReasonsOf(t.All, o);
        return new(t.Targets, t.DoneUnits, t.NotStartedUnits, t.OverdueUnits, TrackSummary.From(t.All),
            t.All.Count == 0 ? Health.None : reasons.Count == 0 ? Health.Green : reasons[0].Level, RollupMath.Lag(t.All), reasons);
    }
}

/// <summary>One copy in <c>GET /directives/{id}/copies</c>.</summary>
public sealed record CopyDto(
    string UnitId, string UnitName, TaskItemStatus Status, int Progress, bool Overdue, DateTimeOffset UpdatedAt, string? UpdatedByName)
{
    public static CopyDto From(CopyRow r, string unitName) =>
        new(r.UnitId, unitName, r.Status, r.Progress, r.Overdue, r.UpdatedAt, ActorNames.Of(r.UpdatedBy, r.UpdatedByName));
}

/// <summary>A page of copies; <c>next</c> is the <c>after</c> of the following page (null: the last).</summary>
public sealed record CopyPage(IReadOnlyList<CopyDto> Copies, string? Next);
