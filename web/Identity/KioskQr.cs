using QRCoder;

namespace Cascade.Web.Identity;

/// <summary>The QR code of a kiosk's wall link, made on the server with QRCoder, as a PNG data URL (the page's CSP allows <c>img-src data:</c>).</summary>
public static class KioskQr
{
    /// <summary>Pixels per module: a 4-module quiet zone included, about 500 px for a typical link.</summary>
    private const int ModulePixels = 6;

    public static string PngDataUrl(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(ModulePixels);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
