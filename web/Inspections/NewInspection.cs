namespace Cascade.Web.Inspections;

/// <summary>The body of <c>POST /api/v1/inspections</c> as the OpenAPI document shows it (read field by field by <see cref="InspectionBody"/>).</summary>
/// <param name="Id">The inspection's id (the unit id rule); the same id and body again answers the stored inspection, another body 409.</param>
/// <param name="Title">1 to 200 characters.</param>
/// <param name="Period">A quarter, a half year or a year: <c>2026-q4</c>, <c>2026-h2</c>, <c>2026</c>.</param>
/// <param name="UnitId">The scope: the unit whose subtree is frozen; the root when left out.</param>
/// <param name="InspectorUnitIds">The units that inspect (findings are raised by them); none when left out.</param>
public sealed record NewInspection(string Id, string Title, string Period, string? UnitId, IReadOnlyList<string>? InspectorUnitIds);
