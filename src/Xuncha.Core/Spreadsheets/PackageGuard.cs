using System.IO.Compression;
using Xuncha.Common;

namespace Xuncha.Spreadsheets;

/// <summary>
/// Looks at an uploaded Office file before the OpenXML SDK parses it: an encrypted workbook or an old binary
/// file (both OLE compound files) and anything that is not a zip get a clear message; so does a zip whose
/// entries would unpack to far more than any real workbook or document (a zip bomb), judged from the sizes and
/// ratios the archive declares.
/// </summary>
public static class PackageGuard
{
    public const long MaxUnpackedBytes = 400L * 1024 * 1024;
    public const int MaxEntries = 10_000;
    private const long RatioCheckFrom = 16L * 1024 * 1024;
    private const long MaxRatio = 400;

    /// <summary>Throws a <see cref="ValidationException"/> on "file" when the content cannot be a safe Office package.</summary>
    public static void Check(Stream content, string notThisKind, string encrypted)
    {
        var head = new byte[8];
        var start = content.Position;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = start;
        if (read == 8 && head.AsSpan().SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            throw new ValidationException("file", encrypted);
        if (read < 4 || head[0] != 0x50 || head[1] != 0x4B || head[2] != 0x03 || head[3] != 0x04)
            throw new ValidationException("file", notThisKind);
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries) throw new ValidationException("file", Messages.Import_ZipBomb);
            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (e.Length < 0 || total > MaxUnpackedBytes) throw new ValidationException("file", Messages.Import_ZipBomb);
                if (e.Length > RatioCheckFrom && e.Length / Math.Max(1, e.CompressedLength) > MaxRatio)
                    throw new ValidationException("file", Messages.Import_ZipBomb);
            }
        }
        catch (InvalidDataException)
        {
            throw new ValidationException("file", notThisKind);
        }
        finally
        {
            content.Position = start;
        }
    }
}
