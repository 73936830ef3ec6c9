using System.IO.Compression;
using Xuncha.Common;
using Xuncha.Files;
using Xuncha.Organizations;
using Xuncha.Rounds;

namespace Xuncha.UnitTests;

public class FileKindTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Theory]
    [InlineData(".pdf", "%PDF-1.7 ...", "application/pdf")]
    [InlineData(".pdf", "GIF89a fake", null)]
    [InlineData(".png", "\x89PNG\r\n\x1a\n....", "image/png")]
    [InlineData(".jpg", "\xFF\xD8\xFF\xE0....", "image/jpeg")]
    [InlineData(".jpg", "\x89PNG\r\n\x1a\n....", null)]
    [InlineData(".exe", "MZ......", null)]
    [InlineData(".doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", "application/msword")]
    public void Files_are_judged_by_their_content(string ext, string content, string? expected)
    {
        var bytes = content.Select(c => (byte)c).ToArray();
        FileKinds.Identify(ext, new MemoryStream(bytes)).ShouldBe(expected);
    }

    [Fact]
    public void Office_documents_and_ofd_are_recognised_inside_the_zip()
    {
        FileKinds.Identify(".docx", Zip("word/document.xml")).ShouldStartWith("application/vnd.openxmlformats-officedocument.wordprocessingml");
        FileKinds.Identify(".xlsx", Zip("word/document.xml")).ShouldBeNull(); // a Word file renamed .xlsx
        FileKinds.Identify(".xlsx", Zip("xl/workbook.xml")).ShouldNotBeNull();
        FileKinds.Identify(".ofd", Zip("OFD.xml")).ShouldBe("application/ofd");
        FileKinds.Identify(".zip", Zip("any.txt")).ShouldBe("application/zip");
        FileKinds.Identify(".docx", new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).ShouldBeNull(); // truncated zip
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(13, "十三")]
    [InlineData(20, "二十")]
    [InlineData(46, "四十六")]
    public void Chinese_numerals(int n, string text) => Numerals.Chinese(n).ShouldBe(text);

    private static MemoryStream Zip(string entry)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            using (var w = new StreamWriter(zip.CreateEntry(entry).Open())) w.Write("<x/>");
        ms.Position = 0;
        return ms;
    }
}
