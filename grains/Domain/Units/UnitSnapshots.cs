using Cascade.Audit;

namespace Cascade.Units;

/// <summary>
/// What the audit trail records of a unit: canonical JSON of what the API shows of it
/// (camelCase, enums as camelCase strings, dates <c>YYYY-MM-DD</c>, times UTC with a Z), never
/// a secret. Kept beside the record it describes, so the trail knows no record type.
/// </summary>
public static class UnitSnapshots
{
    public static string Unit(UnitInfo u) => new CanonicalObject()
        .Add("id", u.Id).Add("parentId", u.ParentId).Add("name", u.Name).Add("kind", u.Kind).Add("sort", u.Sort)
        .ToString();
}
