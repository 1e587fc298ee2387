using Cascade.Tasks;

namespace Cascade.Web.Findings;

/// <summary>
/// The body of <c>POST /api/v1/inspections/{id}/findings</c> as the OpenAPI document shows it (read
/// field by field by <see cref="FindingBody"/>).
/// </summary>
/// <param name="Id">Optional (generated when left out): the task id rule, at most 62 characters; the task is <c>f-{id}</c>. The same id and body again answers the stored finding, another body 409.</param>
/// <param name="UnitId">The inspected unit: in the inspection's frozen subtree, not the inspector's own unit or below it.</param>
/// <param name="Text">1 to 2000 characters; the task's title is its first 200.</param>
/// <param name="Due">When it must be put right: today or later (the task starts today).</param>
/// <param name="Track">party when left out.</param>
/// <param name="Weight">1 when left out.</param>
/// <param name="InspectorUnitId">Admins and leaders: which of the inspection's inspector units raises it (the first when left out). Editors: one of the inspector units they edit.</param>
public sealed record NewFinding(string? Id, string UnitId, string Text, DateOnly Due, Track? Track, double? Weight, string? InspectorUnitId);

/// <summary>A merge patch of <c>PATCH /api/v1/findings/{id}</c>: the task's title and due date follow.</summary>
public sealed record FindingChanges(string? Text, DateOnly? Due);

/// <summary>The body of confirm (销号) and reopen: a note (at most 2000 characters); reopen's progress, 0 to 99, 90 when left out.</summary>
public sealed record FindingDecision(string? Note, int? Progress);
