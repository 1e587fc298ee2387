using System.Text.Json.Serialization;
using Cascade.Directives;
using Cascade.Rollup;
using Cascade.Schedules;
using Cascade.Tasks;
using Cascade.Web.Directives;
using Cascade.Web.Http;
using Cascade.Text;

namespace Cascade.Web.Schedules;

/// <summary>
/// docs/api.md <c>Schedule</c>: the rule (cadence, due day, from, until), the period whose
/// instances were handed out last with their window, targets and failures, and that period's roll-up.
/// </summary>
public sealed record ScheduleDto(
    string Id, string IssuerUnitId, string Title, Track Track, double Weight, string Note, IReadOnlyList<string> Tags,
    Cadence Every, object DueDay, string From, string? Until, string? Period, DateOnly Start, DateOnly Due,
    string State, long Version, int TargetCount, IReadOnlyList<FailedTargetDto> FailedTargets, DirectiveRollupDto Rollup,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset UpdatedAt, string? UpdatedBy, string? UpdatedByName)
{
    public static ScheduleDto Of(DirectiveView v, HealthOptions health)
    {
        var d = v.Directive;
        var r = d.Recurrence!;
        return new(d.Id, d.IssuerUnitId, d.Title, d.Track, d.Weight, d.Note, d.Tags ?? [],
            r.Every, r.DueDay == 0 ? "last" : r.DueDay, r.From, r.Until, r.Current, d.Start, d.Due,
            d.State == DirectiveState.Deployed ? "deployed" : "deploying", d.Version, v.TargetCount,
            [.. v.FailedTargets.Select(f => new FailedTargetDto(f.UnitId, f.Reason ?? ""))], DirectiveRollupDto.From(v.Rollup, health),
            d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.UpdatedBy, ActorNames.Of(d.UpdatedBy, d.UpdatedByName));
    }

    [JsonIgnore]
    public string ETag => ETags.Of(Version);
}

/// <summary>A page of one period's instances; <c>next</c> is the <c>after</c> of the following page (null: the last).</summary>
public sealed record InstancePage(string Period, IReadOnlyList<CopyDto> Instances, string? Next);
