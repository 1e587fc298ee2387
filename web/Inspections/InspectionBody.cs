using Cascade.Inspections;
using Cascade.Units;
using Cascade.Web.Http;

namespace Cascade.Web.Inspections;

/// <summary>Reads <see cref="NewInspection"/> field by field; null with the fields' errors recorded when it is not valid.</summary>
public static class InspectionBody
{
    public static InspectionRequest? Read(BodyFields fields, string? root)
    {
        var id = fields.String("id", required: true);
        if (id is not null && !UnitRules.IsValidId(id)) fields.Fail("id", "id must match ^[a-z0-9][a-z0-9-]{0,63}$.");
        var title = fields.String("title", required: true, trim: true);
        if (title is not null && title.Length is 0 or > InspectionRules.MaxTitle) fields.Fail("title", $"title must be 1 to {InspectionRules.MaxTitle} characters.");
        var period = fields.String("period", required: true);
        if (period is not null && !InspectionRules.IsPeriod(period)) fields.Fail("period", "period must be a quarter, a half year or a year: YYYY-qN, YYYY-hN or YYYY.");
        var unitId = fields.String("unitId", nullable: true) ?? root;
        if (fields.Has("unitId") && unitId is not null && !UnitRules.IsValidId(unitId)) fields.Fail("unitId", "unitId is not a unit id.");
        var inspectors = fields.IsNull("inspectorUnitIds") ? [] : fields.Strings("inspectorUnitIds") ?? [];
        if (inspectors.Length > InspectionRules.MaxInspectors) fields.Fail("inspectorUnitIds", $"At most {InspectionRules.MaxInspectors} inspector units.");
        else if (inspectors.FirstOrDefault(u => !UnitRules.IsValidId(u)) is { } bad) fields.Fail("inspectorUnitIds", $"'{bad}' is not a unit id.");
        else if (inspectors.Distinct(StringComparer.Ordinal).Count() != inspectors.Length) fields.Fail("inspectorUnitIds", "inspectorUnitIds lists a unit twice.");
        if (unitId is null && !fields.HasErrors) fields.Fail("unitId", "There is no root unit yet.");
        if (fields.HasErrors) return null;
        return new InspectionRequest(id!, title!, period!, unitId!, inspectors);
    }
}
