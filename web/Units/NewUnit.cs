using Cascade.Units;

namespace Cascade.Web.Units;

/// <summary>
/// The body of <c>POST /api/v1/units</c> as the OpenAPI document shows it, read field by field
/// by <see cref="UnitBody.ReadDraft"/>: 201 for a new unit, 200 for the same one again, 409 for a second root.
/// </summary>
/// <param name="Id"><c>^[a-z0-9][a-z0-9-]{0,63}$</c>.</param>
/// <param name="ParentId">The parent's id; null only for the root.</param>
/// <param name="Sort">The place among its siblings; 0 when left out.</param>
public sealed record NewUnit(string Id, string? ParentId, string Name, UnitKind Kind, int? Sort);
