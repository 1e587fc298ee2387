using Cascade.Units;
using Cascade.Web.Http;

namespace Cascade.Web.Identity;

/// <summary>The body of <c>POST /api/v1/kiosks</c>: a wall link for one unit and depth.</summary>
/// <param name="Name">1 to <see cref="MaxName"/> characters.</param>
/// <param name="Depth">0 to <see cref="Kiosks.MaxDepth"/> levels below the unit.</param>
public sealed record NewKiosk(string Name, string UnitId, int Depth)
{
    public const int MaxName = 64;

    /// <summary>The kiosk to make, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static NewKiosk? Read(BodyFields fields)
    {
        var name = fields.String("name", required: true, trim: true);
        if (name is not null && (name.Length == 0 || name.Length > MaxName)) fields.Fail("name", $"name is 1 to {MaxName} characters.");
        else if (name is not null) fields.Check("name", Text.DisplayText.Check("name", name));
        var unitId = fields.String("unitId", required: true);
        if (unitId is not null && !UnitRules.IsValidId(unitId)) fields.Fail("unitId", "unitId is not a unit id.");
        var depth = fields.Integer("depth", required: true);
        if (depth is < 0 or > Kiosks.MaxDepth) fields.Fail("depth", $"depth must be from 0 to {Kiosks.MaxDepth}.");
        return fields.HasErrors ? null : new(name!, unitId!, depth!.Value);
    }
}
