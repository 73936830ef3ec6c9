using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Accounts;

namespace Xuncha.Files;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("stored_files");
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.OwnerType).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.FileName).HasMaxLength(StoredFile.NameMax);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.StorageName).HasMaxLength(100);
        b.HasOne<User>().WithMany().HasForeignKey(f => f.UploadedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.OwnerType, f.OwnerId });
    }
}
