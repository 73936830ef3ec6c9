using System.IO.Compression;
using Xuncha.Common;
using Xuncha.Files;
using Xuncha.Organizations;
using Xuncha.Rounds;

namespace Xuncha.UnitTests;

public class AvoidanceAndFilesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void Avoidance_counts_the_same_organisation_and_ancestry_both_ways()
    {
        var root = Organization.Create(Guid.NewGuid(), "MD", "党委", OrganizationType.Committee, null, null, 0, Now);
        var finance = Organization.Create(Guid.NewGuid(), "CWC", "财务处党总支", OrganizationType.GeneralBranch, root, null, 0, Now);
        var branch = Organization.Create(Guid.NewGuid(), "CWC-1", "财务处第一党支部", OrganizationType.Branch, finance, null, 0, Now);
        var library = Organization.Create(Guid.NewGuid(), "TSG", "图书馆党总支", OrganizationType.GeneralBranch, root, null, 0, Now);
        var people = new (Guid, string, Organization?)[]
        {
            (Guid.NewGuid(), "甲", finance), (Guid.NewGuid(), "乙", branch), (Guid.NewGuid(), "丙", library), (Guid.NewGuid(), "丁", null),
        };
        var onFinance = Avoidance.Check(people, [finance]).ToList();
        onFinance.Select(c => c.Person).ShouldBe(["甲", "乙"]);
        Avoidance.Message(onFinance[0]).ShouldBe("甲所在单位就是巡察对象“财务处党总支”，须回避。");
        Avoidance.Message(onFinance[1]).ShouldBe("乙所在的“财务处第一党支部”与巡察对象“财务处党总支”是上下级关系，须回避。");
        // inspecting the branch: the person from its parent is conflicted too
        Avoidance.Check(people, [branch]).Select(c => c.Person).ShouldBe(["甲", "乙"]);
        Avoidance.Check(people, [library]).Select(c => c.Person).ShouldBe(["丙"]);
    }

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
