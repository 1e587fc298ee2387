using Cascade.Schedules;
using Cascade.Tasks;
using Cascade.Web.Directives;

namespace Cascade.Web.Schedules;

/// <summary>
/// The body of <c>POST /api/v1/schedules</c> as the OpenAPI document shows it (read field by
/// field by <see cref="ScheduleBody"/>).
/// </summary>
/// <param name="Id">Optional: the task id rule, at most 40 characters; instances are <c>{id}-{period}</c>.</param>
/// <param name="DueDay">"last" (default: the period's last day) or 1 to 31: that day of the period's last month.</param>
/// <param name="From">The first period (default the current one), e.g. 2026-12, 2026-q4, 2026-h2, 2026.</param>
/// <param name="Until">The last period (default none).</param>
/// <param name="Targets">The listed units, plus every unit strictly below <c>under</c> of the given kinds; those follow the tree.</param>
public sealed record NewSchedule(
    string? Id, string IssuerUnitId, string Title, Track Track, double? Weight, string? Note, IReadOnlyList<string>? Tags,
    Cadence Every, object? DueDay, string? From, string? Until, DirectiveTargets Targets);

/// <summary>A merge patch of <c>PATCH /api/v1/schedules/{id}</c>: instances of the current and later periods that are not done follow.</summary>
public sealed record ScheduleChanges(string? Title, double? Weight, Track? Track, object? DueDay, string? Until, string? Note);
