using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Xuncha.Audit;
using Xuncha.Organizations;

namespace Xuncha.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.UserName).HasMaxLength(User.UserNameMax);
        b.Property(u => u.NormalizedUserName).HasMaxLength(User.UserNameMax);
        b.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMax);
        b.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // Sign-in bookkeeping is audited as sign-in, lockout and unlock events, not as record changes.
        b.Property(u => u.PasswordHash).AuditRedact();
        b.Property(u => u.SecurityStamp).AuditIgnore();
        b.Property(u => u.ConcurrencyStamp).AuditIgnore();
        b.Property(u => u.AccessFailedCount).AuditIgnore();
        b.Property(u => u.LockoutEnd).AuditIgnore();
        b.Property(u => u.LastSignInAt).AuditIgnore();
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> b)
    {
        b.Property(r => r.ConcurrencyStamp).AuditIgnore();
    }
}
