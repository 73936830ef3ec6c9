using QRCoder;

namespace Xuncha.Web.Pages.Letters;

/// <summary>The QR code of a report link, as a data URI (the page's CSP allows data: images).</summary>
public static class Qr
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
    }
}
