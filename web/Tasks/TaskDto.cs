using System.Text.Json.Serialization;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Text;
using Cascade.Time;
using Cascade.Web.Http;

namespace Cascade.Web.Tasks;

/// <summary>
/// docs/api.md <c>Task</c>; <c>overdue</c> and <c>stale</c> are evaluated when it is read; <c>updatedByName</c>
/// is the writer's display name stored with the task ("系统" for the system; the username for a task last
/// written before names were kept, until its next write); <c>doneAt</c> is when the status last became done (for a
/// task stored done before it was kept: its last write), null while not done; <c>tags</c> its labels, [] for none;
/// <c>issuerUnitId</c>: for a directive's copy or a schedule's instance, the unit that handed it down;
/// <c>scheduleId</c> and <c>period</c>: for a schedule's instance, its schedule and period; <c>copy</c>:
/// true while its owner sets its title, track, weight, dates and expectation (false once a deleted schedule let it go);
/// <c>locked</c>: a closed finding's rectification task (已销号), which no longer changes;
/// <c>archived</c>: done and due before this year (docs/domain.md "Archived tasks"), evaluated when it is read like <c>overdue</c>.
/// </summary>
public sealed record TaskDto(
    string Id, string UnitId, string Title, Track Track, double Weight, DateOnly Start, DateOnly Due,
    TaskItemStatus Status, int Progress, string Note, long Version, DateTimeOffset UpdatedAt,
    string? UpdatedBy, bool Overdue, string? DirectiveId, bool Stale, string? UpdatedByName,
    DateTimeOffset? DoneAt, IReadOnlyList<string> Tags, string? IssuerUnitId, Expectation Expectation, bool Archived,
    string? ScheduleId, string? Period, bool Copy, bool Locked = false)
{
    public static TaskDto From(string unitId, TaskItem t, DomainClock clock) => From(unitId, t, clock, clock.Now);

    /// <summary>The task with <c>overdue</c>, <c>stale</c> and <c>archived</c> as of <paramref name="now"/> (an inspection's frozen task: its <c>takenAt</c>).</summary>
    public static TaskDto From(string unitId, TaskItem t, DomainClock clock, DateTimeOffset now)
    {
        // The roll-up's own rule for one task, so a task marked stale is exactly one the summary counts.
        var figures = RollupMath.Of(t, now, clock);
        return new(t.Id, unitId, t.Title, t.Track, t.Weight, t.Start, t.Due, t.Status, t.Progress, t.Note,
            t.Version, t.UpdatedAt, t.UpdatedBy, figures.Overdue == 1, t.DirectiveId, figures.Stale == 1, ActorNames.Of(t.UpdatedBy, t.UpdatedByName),
            t.DoneSince, t.Tags ?? [], t.IssuerUnitId, t.Expectation, clock.IsArchived(t, now), t.ScheduleId, t.Period, t.IsCopy, t.Locked);
    }

    [JsonIgnore]
    public string ETag => ETags.Of(Version);
}
