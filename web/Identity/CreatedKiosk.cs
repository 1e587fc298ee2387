namespace Cascade.Web.Identity;

/// <summary>
/// A new kiosk with its token and its wall's link (on <c>Cascade:PublicUrl</c>): the only time the
/// token is shown. <paramref name="Qr"/>: the link as a QR code, a <c>data:image/png;base64,</c> URL.
/// </summary>
public sealed record CreatedKiosk(string Id, string Name, string UnitId, int Depth, string Token, string Url, string Qr);
