using Cascade.Units;

namespace Cascade.Web.Units;

/// <summary>
/// The body of <c>PATCH /api/v1/units/{id}</c>, a JSON merge patch read by <see cref="UnitBody.ReadPatch"/>:
/// a field left out is unchanged; a new <paramref name="ParentId"/> moves the unit (never under its own descendant).
/// </summary>
public sealed record UnitChanges(string? Name, UnitKind? Kind, string? ParentId, int? Sort);
