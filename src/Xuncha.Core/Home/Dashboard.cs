using Microsoft.EntityFrameworkCore;
using Xuncha.Backups;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;

namespace Xuncha.Home;

public sealed record OrganizationSummary(int Active, int Secondary, TermView? CurrentTerm, int? DaysLeftInTerm);

public sealed record AccountSummary(int Total, int Locked, int MustChangePassword, int WithoutRole, BackupFile? LastBackup);

public sealed record AuditSummary(long Total, int Today, int FailedSignInsToday);

/// <summary>What each role's home page shows: only the parts its permissions open.</summary>
public sealed record HomeSummary(OrganizationSummary? Organizations, AccountSummary? Accounts, AuditSummary? Audit);

public sealed class Dashboard(XunchaDbContext db, TermService terms, BackupService backups, TimeProvider clock)
{
    public async Task<HomeSummary> ForCurrentActorAsync(CancellationToken ct = default)
    {
        var actor = db.Actor;
        return new HomeSummary(
            actor.Can(Permission.ViewOrganizations) ? await OrganizationsAsync(ct) : null,
            actor.Can(Permission.ManageAccounts) || actor.Can(Permission.ManageRoles) ? await AccountsAsync(actor, ct) : null,
            actor.Can(Permission.ReadAudit) ? await AuditAsync(ct) : null);
    }

    private async Task<OrganizationSummary> OrganizationsAsync(CancellationToken ct)
    {
        var orgs = db.Organizations.VisibleTo(db.Actor).Where(o => o.IsActive);
        var active = await orgs.CountAsync(ct);
        var secondary = await orgs.CountAsync(o => o.Type == OrganizationType.SecondaryCommittee || o.Type == OrganizationType.GeneralBranch
                                                 || o.Type == OrganizationType.DirectBranch, ct);
        var current = (await terms.ListAsync(ct)).FirstOrDefault(t => t.IsCurrent);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return new OrganizationSummary(active, secondary, current, current is null ? null : current.EndDate.DayNumber - today.DayNumber);
    }

    private async Task<AccountSummary> AccountsAsync(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var total = await db.Users.CountAsync(ct);
        var locked = await db.Users.CountAsync(u => u.LockoutEnd > now, ct);
        var mustChange = await db.Users.CountAsync(u => u.MustChangePassword && u.IsActive, ct);
        var withoutRole = await db.Users.CountAsync(u => u.IsActive && !db.UserRoles.Any(r => r.UserId == u.Id), ct);
        var last = actor.Can(Permission.ManageBackups) ? backups.List().FirstOrDefault() : null;
        return new AccountSummary(total, locked, mustChange, withoutRole, last);
    }

    private async Task<AuditSummary> AuditAsync(CancellationToken ct)
    {
        var local = clock.GetLocalNow();
        var since = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        var total = await db.AuditEvents.LongCountAsync(ct);
        var today = await db.AuditEvents.CountAsync(e => e.At >= since, ct);
        var failed = await db.AuditEvents.CountAsync(e => e.At >= since && e.Action == Audit.AuditAction.SignInFailed, ct);
        return new AuditSummary(total, today, failed);
    }
}
