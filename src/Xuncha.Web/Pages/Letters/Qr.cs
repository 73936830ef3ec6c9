namespace Xuncha.Web.Pages.Letters;

/// <summary>The QR code of a report link, as a data URI (the page's CSP allows data: images).</summary>
public static class Qr
{
    public static string DataUri(string text) => "data:image/png;base64," + Convert.ToBase64String(Documents.Pictures.QrPng(text, 8));
}
