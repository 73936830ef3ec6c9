using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;
using Xuncha.Spreadsheets;

namespace Xuncha.Pool;

public sealed record PoolImportRow(int Row, string Name, string Organization, string Rank, string Professions, bool LeaderEligible, bool FullTime);

public sealed record PoolImportResult(IReadOnlyList<PoolImportRow> Rows, IReadOnlyList<ImportIssue> Issues, int Imported)
{
    public bool IsValid => Issues.Count == 0;
}

/// <summary>
/// The pool from the office's Excel list (.xlsx or .csv): 姓名, 所在单位 (name or code), 职务, 职级, 专业 (separated by
/// 、), 组长库 (是/否), 专兼职, 电话, 邮箱, 账号. Every problem by row and column; nothing is written unless every row
/// is good. Imported members are enrolled by the office's decision and confirmed for the year. The export writes
/// the same columns, so a list exported can be edited and imported elsewhere.
/// </summary>
public sealed class PoolImport(XunchaDbContext db, PoolService pool, TimeProvider clock)
{
    public const int MaxRows = 5000;

    internal static readonly ImportColumn Name = new("姓名", true, "名字");
    internal static readonly ImportColumn Organization = new("所在单位", true, "单位", "所在党组织", "工作单位");
    internal static readonly ImportColumn Position = new("职务", false, "现任职务");
    internal static readonly ImportColumn Rank = new("职级", true, "级别");
    internal static readonly ImportColumn Professions = new("专业", false, "专业领域", "专长");
    internal static readonly ImportColumn Leader = new("组长库", false, "可任组长", "可任组长副组长");
    internal static readonly ImportColumn FullTime = new("专兼职", false, "专职兼职");
    internal static readonly ImportColumn Phone = new("电话", false, "联系电话", "手机");
    internal static readonly ImportColumn Email = new("邮箱", false, "电子邮箱");
    internal static readonly ImportColumn Account = new("账号", false, "用户名", "系统账号");
    internal static readonly ImportColumn[] Columns = [Name, Organization, Position, Rank, Professions, Leader, FullTime, Phone, Email, Account];

    private static readonly char[] Separators = ['、', ',', '，', '/', ';', '；', ' '];

    public async Task<PoolImportResult> RunAsync(Stream content, string fileName, bool commit, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManagePool);
        var table = ImportTable.Open(content, fileName, MaxRows, OrganizationImport.MaxBytes, Columns);
        var (header, issues) = (table.Header!, table.Issues);
        if (!table.Usable) return new PoolImportResult([], issues, 0);

        var committee = await pool.CommitteeAsync(ct);
        var committeePath = await db.Organizations.Where(o => o.Id == committee).Select(o => o.Path).SingleAsync(ct);
        var orgs = await db.Organizations.AsNoTracking().Where(o => o.IsActive && o.Path.StartsWith(committeePath)).ToListAsync(ct);
        var byCode = orgs.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        var byName = orgs.ToLookup(o => o.Name);
        var ranks = await db.PoolRanks.AsNoTracking().Where(r => r.IsActive).ToDictionaryAsync(r => r.Name, ct);
        var professions = await db.PoolProfessions.AsNoTracking().Where(p => p.IsActive).ToDictionaryAsync(p => p.Name, ct);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.UserName!, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);
        var linked = (await db.PoolMembers.Where(m => m.UserId != null).Select(m => m.UserId!.Value).ToListAsync(ct)).ToHashSet();
        var existing = (await db.PoolMembers.Where(m => m.Status == MemberStatus.Active || m.Status == MemberStatus.Applied)
            .Select(m => new { m.Name, m.OrganizationId }).ToListAsync(ct)).Select(x => (x.Name, x.OrganizationId)).ToHashSet();

        var rows = new List<PoolImportRow>();
        var pending = new List<(PoolMember.Profile Profile, List<Guid> Professions, Guid? User)>();
        var seen = new Dictionary<(string, Guid), int>();
        var seenUsers = new Dictionary<Guid, int>();
        foreach (var r in table.DataRows)
        {
            void Issue(ImportColumn c, string message) => issues.Add(new ImportIssue(r.Number, c.Header, message));
            var name = header.Get(r, Name);
            var orgText = header.Get(r, Organization);
            var position = header.Get(r, Position);
            var rankText = header.Get(r, Rank);
            var profText = header.Get(r, Professions);
            var phone = header.Get(r, Phone);
            var email = header.Get(r, Email);
            var account = header.Get(r, Account);
            if (name.Length == 0) Issue(Name, Messages.Error_Required);
            else if (name.Length > PoolMember.NameMax) Issue(Name, string.Format(Messages.Error_TooLong, PoolMember.NameMax));
            Organization? org = null;
            if (orgText.Length == 0) Issue(Organization, Messages.Error_Required);
            else if (byCode.TryGetValue(orgText, out var o)) org = o;
            else if (byName[orgText].Count() == 1) org = byName[orgText].Single();
            else Issue(Organization, string.Format(byName[orgText].Any() ? Messages.Import_AmbiguousOrganization : Messages.Import_NoSuchOrganization, orgText));
            if (position.Length > PoolMember.PositionMax) Issue(Position, string.Format(Messages.Error_TooLong, PoolMember.PositionMax));
            PoolRank? rank = null;
            if (rankText.Length == 0) Issue(Rank, Messages.Error_Required);
            else if (!ranks.TryGetValue(rankText, out rank)) Issue(Rank, string.Format(Messages.Import_BadChoice, rankText, string.Join("、", ranks.Keys)));
            var profIds = new List<Guid>();
            foreach (var p in profText.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
                if (professions.TryGetValue(p, out var prof)) profIds.Add(prof.Id);
                else Issue(Professions, string.Format(Messages.Import_BadChoice, p, string.Join("、", professions.Keys)));
            var leader = YesNo(header.Get(r, Leader), "是", "否", Leader, Issue);
            var fullTime = YesNo(header.Get(r, FullTime), "专职", "兼职", FullTime, Issue);
            if (phone.Length > PoolMember.PhoneMax) Issue(Phone, string.Format(Messages.Error_TooLong, PoolMember.PhoneMax));
            if (email.Length > 0 && !email.Contains('@')) Issue(Email, Messages.Pool_BadEmail);
            Guid? user = null;
            if (account.Length > 0)
            {
                if (!users.TryGetValue(account, out var uid)) Issue(Account, string.Format(Messages.Import_NoSuchAccount, account));
                else if (linked.Contains(uid)) Issue(Account, Messages.Pool_AccountTaken);
                else if (seenUsers.TryGetValue(uid, out var first)) Issue(Account, string.Format(Messages.Import_RowDuplicate, account, first));
                else { user = uid; seenUsers[uid] = r.Number; }
            }
            if (name.Length > 0 && org is not null)
            {
                if (existing.Contains((name, org.Id))) Issue(Name, string.Format(Messages.Pool_AlreadyIn, name, org.Name));
                else if (seen.TryGetValue((name, org.Id), out var first)) Issue(Name, string.Format(Messages.Import_RowDuplicate, name, first));
                else seen[(name, org.Id)] = r.Number;
            }
            rows.Add(new PoolImportRow(r.Number, name, org?.Name ?? orgText, rankText, profText, leader, fullTime));
            if (org is not null && rank is not null && name.Length > 0)
                pending.Add((new PoolMember.Profile(name, org.Id, position.Length == 0 ? null : position, rank.Id, leader, fullTime,
                    phone.Length == 0 ? null : phone, email.Length == 0 ? null : email), profIds, user));
        }
        if (rows.Count == 0) issues.Add(new ImportIssue(header.RowNumber + 1, Name.Header, Messages.Import_Empty));
        if (rows.Count > MaxRows) issues.Add(new ImportIssue(header.RowNumber + 1, Name.Header, string.Format(Messages.Import_TooManyRows, MaxRows)));
        issues.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
        if (issues.Count > 0 || !commit) return new PoolImportResult(rows, issues, 0);

        var now = clock.GetUtcNow();
        foreach (var (profile, profIds, user) in pending)
        {
            var m = PoolMember.Enrol(Guid.CreateVersion7(now), committee, profile, Messages.Import_PoolReason, db.Actor.UserId ?? Guid.Empty, user, now, clock.Today().Year);
            db.PoolMembers.Add(m);
            db.PoolMemberProfessions.AddRange(profIds.Select(p => PoolMemberProfession.Of(m.Id, p)));
        }
        db.Record(AuditAction.Import, "pool_members", null, detail: new { file = Path.GetFileName(fileName), rows = pending.Count });
        await db.SaveChangesAsync(ct);
        return new PoolImportResult(rows, [], pending.Count);
    }

    private static bool YesNo(string text, string yes, string no, ImportColumn column, Action<ImportColumn, string> issue)
    {
        if (text.Length == 0 || text == no || text is "否" or "N" or "n" or "0") return false;
        if (text == yes || text is "是" or "Y" or "y" or "1" or "√" or "✓") return true;
        issue(column, string.Format(Messages.Import_BadChoice, text, $"{yes}、{no}"));
        return false;
    }

    /// <summary>The pool as .xlsx, in the columns the import reads (and 状态, 参加次数, 年度确认 for reading).</summary>
    public async Task<int> ExportAsync(PoolFilter filter, Stream output, PoolQueries queries, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewPool);
        var rows = await queries.ListAsync(filter, ct);
        var details = await db.PoolMembers.AsNoTracking().Where(m => rows.Select(r => r.Id).Contains(m.Id))
            .Select(m => new { m.Id, m.Phone, m.Email, m.UserId }).ToDictionaryAsync(m => m.Id, ct);
        var accounts = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var trace = ExportTrace.Now(OrganizationExport.Who(db.Actor), clock);
        using (var x = new XlsxWriter(output, Messages.Export_PoolSheet, Messages.Export_PoolTitle,
                   [
                       new(Name.Header, 10), new(Organization.Header, 26, Wrap: true), new(Position.Header, 18, Wrap: true), new(Rank.Header, 8),
                       new(Professions.Header, 18), new(Leader.Header, 8), new(FullTime.Header, 8), new(Phone.Header, 14), new(Email.Header, 22),
                       new(Account.Header, 12), new(Messages.Export_PoolStatus, 8), new(Messages.Export_PoolTours, 8), new(Messages.Export_PoolConfirmed, 8),
                   ], trace))
        {
            foreach (var r in rows)
            {
                var d = details[r.Id];
                x.WriteRow(r.Name, r.Organization, r.Position, r.Rank, string.Join("、", r.Professions), r.LeaderEligible ? "是" : "否",
                    r.FullTime ? "专职" : "兼职", d.Phone, d.Email, d.UserId is { } u ? accounts.GetValueOrDefault(u) : null, r.StatusName, r.Tours, r.ConfirmedYear);
            }
        }
        await db.RecordNowAsync(AuditAction.Export, "pool_members", null, detail: new { rows = rows.Count }, ct: ct);
        return rows.Count;
    }
}
