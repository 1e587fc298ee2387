namespace Cascade.Web.Identity;

/// <summary>The body of <c>POST /api/v1/kiosks</c> as the OpenAPI document shows it (read field by field in <see cref="KiosksApi"/>).</summary>
/// <param name="Name">1 to <see cref="KiosksApi.MaxName"/> characters.</param>
/// <param name="Depth">0 to <see cref="Kiosks.MaxDepth"/> levels below the unit.</param>
public sealed record NewKiosk(string Name, string UnitId, int Depth);
