using System.IO.Compression;

namespace Xuncha.Files;

/// <summary>
/// The allow-list of evidence files (pdf, docx, xlsx, doc, xls, jpg, png, ofd, zip), judged by the bytes:
/// the extension must agree with what the content is.
/// </summary>
public static class FileKinds
{
    public static readonly IReadOnlyList<string> Extensions = [".pdf", ".docx", ".xlsx", ".doc", ".xls", ".jpg", ".jpeg", ".png", ".ofd", ".zip"];

    /// <summary>The content type when the file is what its extension says; null otherwise.</summary>
    public static string? Identify(string extension, Stream content)
    {
        var head = new byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        bool Starts(params byte[] magic) => read >= magic.Length && head.AsSpan(0, magic.Length).SequenceEqual(magic);
        var isZip = Starts(0x50, 0x4B, 0x03, 0x04);
        var isOle = Starts(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
        return extension.ToLowerInvariant() switch
        {
            ".pdf" when Starts((byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-') => "application/pdf",
            ".jpg" or ".jpeg" when Starts(0xFF, 0xD8, 0xFF) => "image/jpeg",
            ".png" when Starts(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A) => "image/png",
            ".doc" when isOle => "application/msword",
            ".xls" when isOle => "application/vnd.ms-excel",
            ".docx" when isZip && HasEntry(content, "word/document.xml") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xlsx" when isZip && HasEntry(content, "xl/workbook.xml") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".ofd" when isZip && HasEntry(content, "OFD.xml") => "application/ofd",
            ".zip" when isZip && IsReadableZip(content) => "application/zip",
            _ => null,
        };
    }

    private static bool HasEntry(Stream content, string name) => WithZip(content, z => z.GetEntry(name) is not null);

    private static bool IsReadableZip(Stream content) => WithZip(content, z => z.Entries.Count >= 0);

    private static bool WithZip(Stream content, Func<ZipArchive, bool> test)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return test(zip);
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
