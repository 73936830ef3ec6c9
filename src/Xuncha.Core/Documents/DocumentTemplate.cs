using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;

namespace Xuncha.Documents;

/// <summary>
/// A template the office uploaded in place of the default for one kind of document. Deleting it restores the
/// default that ships with Xuncha.
/// </summary>
public sealed class DocumentTemplate : Common.IVersioned
{
    public const int FileNameMax = 200;

    private DocumentTemplate() { }

    public DocumentKind Kind { get; private set; }
    public string FileName { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public string Sha256 { get; private set; } = "";
    public Guid UploadedBy { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
    public uint Version { get; private set; }

    public static DocumentTemplate Upload(DocumentKind kind, string fileName, byte[] content, Guid by, DateTimeOffset at)
    {
        var t = new DocumentTemplate { Kind = kind };
        t.Replace(fileName, content, by, at);
        return t;
    }

    public void Replace(string fileName, byte[] content, Guid by, DateTimeOffset at)
    {
        FileName = fileName.Length > FileNameMax ? fileName[..FileNameMax] : fileName;
        Content = content;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        UploadedBy = by;
        UploadedAt = at;
    }
}

internal sealed class DocumentTemplateConfiguration : IEntityTypeConfiguration<DocumentTemplate>
{
    public void Configure(EntityTypeBuilder<DocumentTemplate> b)
    {
        b.HasKey(t => t.Kind);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.FileName).HasMaxLength(DocumentTemplate.FileNameMax);
        b.Property(t => t.Sha256).HasMaxLength(64);
        b.Property(t => t.Version).IsRowVersion();
        b.HasOne<User>().WithMany().HasForeignKey(t => t.UploadedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
