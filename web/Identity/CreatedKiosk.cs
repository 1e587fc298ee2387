namespace Cascade.Web.Identity;

/// <summary>A new kiosk with its token and its wall's link: the only time the token is shown.</summary>
public sealed record CreatedKiosk(string Id, string Name, string UnitId, int Depth, string Token, string Url);
