using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;
using Xuncha.Spreadsheets;

namespace Xuncha.Audit;

public sealed record AuditFilter(
    DateOnly? From = null, DateOnly? To = null, string? User = null, string? Action = null,
    string? ObjectType = null, string? ObjectId = null, string? Outcome = null, string? ClientAddress = null);

public sealed record AuditPage(IReadOnlyList<AuditEvent> Rows, long? NextBefore);

/// <summary>The 审计管理员's view of the trail: search newest first, page by sequence, export.</summary>
public sealed class AuditLog(XunchaDbContext db, TimeProvider clock)
{
    public const int MaxExportRows = 1_000_000;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, long? before = null, int pageSize = 50, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 500);
        var q = Query(filter);
        if (before is not null) q = q.Where(e => e.Seq < before);
        var rows = await q.OrderByDescending(e => e.Seq).Take(pageSize + 1).ToListAsync(ct);
        var next = rows.Count > pageSize ? rows[pageSize - 1].Seq : (long?)null;
        return new AuditPage(rows.Take(pageSize).ToList(), next);
    }

    public async Task<AuditEvent> GetAsync(long seq, CancellationToken ct = default) =>
        await Query(new AuditFilter()).SingleOrDefaultAsync(e => e.Seq == seq, ct) ?? throw new NotFoundException();

    public async Task<int> ExportAsync(AuditFilter filter, Stream output, CancellationToken ct = default)
    {
        var trace = ExportTrace.Now(OrganizationExport.Who(db.Actor), clock);
        int count;
        using (var x = new XlsxWriter(output, Messages.Export_AuditSheet, Messages.Export_AuditTitle,
                   [
                       new(Messages.Audit_Seq, 10), new(Messages.Audit_Time, 20), new(Messages.Audit_User, 16),
                       new(Messages.Audit_Action, 16), new(Messages.Audit_ObjectType, 16), new(Messages.Audit_ObjectId, 38),
                       new(Messages.Audit_Outcome, 10), new(Messages.Audit_Address, 16), new(Messages.Audit_Detail, 60, Wrap: true),
                       new(Messages.Audit_Hash, 20),
                   ], trace))
        {
            await foreach (var e in Query(filter).OrderBy(e => e.Seq).Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(ct))
                x.WriteRow(e.Seq, e.At, e.UserName, ActionName(e.Action), e.ObjectType, e.ObjectId, OutcomeName(e.Outcome),
                    e.ClientAddress, e.Detail, e.Hash);
            count = x.RowsWritten;
        }
        await db.RecordNowAsync(AuditAction.Export, "audit_events", null, detail: new { rows = count, filter }, ct: ct);
        return count;
    }

    /// <summary>The only read path to the trail; open to the 审计管理员 (and the console).</summary>
    private IQueryable<AuditEvent> Query(AuditFilter f)
    {
        db.Actor.Demand(Permission.ReadAudit);
        var q = db.AuditEvents.AsNoTracking();
        var zone = clock.LocalTimeZone;
        if (f.From is { } from) q = q.Where(e => e.At >= Utc(from, zone));
        if (f.To is { } to) q = q.Where(e => e.At < Utc(to.AddDays(1), zone));
        if (!string.IsNullOrWhiteSpace(f.User)) q = q.Where(e => e.UserName.Contains(f.User.Trim()));
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(e => e.Action == f.Action.Trim());
        if (!string.IsNullOrWhiteSpace(f.ObjectType)) q = q.Where(e => e.ObjectType == f.ObjectType.Trim());
        if (!string.IsNullOrWhiteSpace(f.ObjectId)) q = q.Where(e => e.ObjectId == f.ObjectId.Trim());
        if (!string.IsNullOrWhiteSpace(f.Outcome)) q = q.Where(e => e.Outcome == f.Outcome.Trim());
        if (!string.IsNullOrWhiteSpace(f.ClientAddress)) q = q.Where(e => e.ClientAddress == f.ClientAddress.Trim());
        return q;
    }

    private static DateTimeOffset Utc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static IReadOnlyList<string> Actions { get; } =
    [
        AuditAction.Create, AuditAction.Update, AuditAction.Delete, AuditAction.SignIn, AuditAction.SignInFailed,
        AuditAction.Lockout, AuditAction.SignOut, AuditAction.SessionEnd, AuditAction.PasswordChange, AuditAction.PasswordReset, AuditAction.Unlock,
        AuditAction.Export, AuditAction.Import, AuditAction.ReadConfidential, AuditAction.Backup, AuditAction.Verify, AuditAction.Checkpoint, AuditAction.OnBehalf, AuditAction.Shred,
    ];

    public static string ActionName(string action) =>
        Messages.ResourceManager.GetString("AuditAction_" + action.Replace("-", "_"), Messages.Culture) ?? action;

    public static string OutcomeName(string outcome) =>
        Messages.ResourceManager.GetString("AuditOutcome_" + outcome, Messages.Culture) ?? outcome;
}
