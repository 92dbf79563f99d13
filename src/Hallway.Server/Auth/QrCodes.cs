using QRCoder;

namespace Hallway.Server.Auth;

/// <summary>
/// QR codes as SVG text (QRCoder), for a phone to scan off a screen: the authenticator set-up
/// address and admin-issued reset links. SVG scales to any size and needs no image endpoint;
/// the client puts it into the page as an image, never as markup to run.
/// </summary>
public static class QrCodes
{
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
