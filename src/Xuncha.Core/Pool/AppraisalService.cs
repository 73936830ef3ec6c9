using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;
using Xuncha.Rounds;
using Xuncha.Spreadsheets;

namespace Xuncha.Pool;

public sealed record AppraisalRow(
    Guid MemberId, string Name, string Organization, string Rank, Guid GroupId, string Group, GroupRole Role,
    AppraisalGrade? LeaderGrade, string? LeaderComment, AppraisalGrade? OfficeGrade, string? OfficeComment, bool LeaderMayGrade, uint? Version,
    bool OfficeGradeWithheld = false)
{
    public string RoleName => Labels.Of(Role);
    public AppraisalGrade? Final => OfficeGrade ?? LeaderGrade;
}

public sealed record AppraisalSheet(Guid RoundId, string RoundName, RoundStatus Status, int ExcellentPercent, bool Open, bool IsOffice,
    IReadOnlyList<AppraisalRow> Rows);

/// <summary>One member's grade; <see cref="Version"/> is the appraisal's version as read (0 when there is none yet).</summary>
public sealed record GradeInput(Guid MemberId, AppraisalGrade? Grade, string? Comment, uint? Version = null);

/// <summary>
/// 鉴定 after a round (once fieldwork has ended): each group leader grades their members, the office grades
/// everyone (its grade is final); at most the policy's share of a group may be 优秀. The sheet exports to
/// .xlsx for the organisation department and the members' home units.
/// </summary>
public sealed class AppraisalService(XunchaDbContext db, FormationData data, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<AppraisalSheet> SheetAsync(Guid roundId, CancellationToken ct = default)
    {
        if (!Actor.Can(Permission.ViewPool)) Actor.Demand(Permission.AppraiseMembers);
        var round = await db.Rounds.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        var policy = await data.PolicyAsync(round.CommitteeId, ct);
        var isOffice = Actor.Can(Permission.ManagePool);
        var led = await LedGroupsAsync(roundId, ct);
        var rows = await (from gm in db.GroupMembers
                          join g in db.Groups on gm.GroupId equals g.Id
                          join m in db.PoolMembers on gm.MemberId equals m.Id
                          join o in db.Organizations on m.OrganizationId equals o.Id
                          join r in db.PoolRanks on m.RankId equals r.Id
                          where g.RoundId == roundId
                          orderby g.Number, gm.Role, m.Name
                          select new { m.Id, m.Name, Org = o.Name, Rank = r.Name, GroupId = g.Id, Group = g.Name, gm.Role, m.UserId }).ToListAsync(ct);
        if (!isOffice && !Actor.Can(Permission.ViewPool)) rows = rows.Where(r => led.Contains(r.GroupId)).ToList();
        var grades = await db.PoolAppraisals.AsNoTracking().Where(a => a.RoundId == roundId).ToDictionaryAsync(a => a.MemberId, ct);
        return new AppraisalSheet(round.Id, round.Name, round.Status, policy.ExcellentPercent, Open(round), isOffice,
            rows.Select(r =>
            {
                var a = grades.GetValueOrDefault(r.Id);
                var mayGrade = led.Contains(r.GroupId) && r.UserId != Actor.UserId;
                // a leader forms his own view first: the office's grade of a member shows once he has graded that member
                var hideOffice = !isOffice && !Actor.Can(Permission.ViewPool) && mayGrade && a?.LeaderGrade is null;
                return new AppraisalRow(r.Id, r.Name, r.Org, r.Rank, r.GroupId, r.Group, r.Role, a?.LeaderGrade, a?.LeaderComment,
                    hideOffice ? null : a?.OfficeGrade, hideOffice ? null : a?.OfficeComment, mayGrade, a?.Version, hideOffice);
            }).ToList());
    }

    /// <summary>Grades from the office (final) or from a group leader (their own members, not themselves); checks the share of 优秀.</summary>
    public async Task SaveAsync(Guid roundId, IReadOnlyList<GradeInput> grades, CancellationToken ct = default)
    {
        Actor.Demand(Permission.AppraiseMembers);
        var round = await db.Rounds.VisibleTo(db).SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        if (!Open(round)) throw new DomainException(Messages.Appraisal_NotYet);
        var isOffice = Actor.Can(Permission.ManagePool);
        var led = await LedGroupsAsync(roundId, ct);
        var members = await (from gm in db.GroupMembers join g in db.Groups on gm.GroupId equals g.Id
                             where g.RoundId == roundId select new { gm.MemberId, gm.GroupId, gm.UserId, g.Name }).ToListAsync(ct);
        var v = new Validator();
        foreach (var (x, i) in grades.Select((x, i) => (x, i)))
        {
            var m = members.FirstOrDefault(y => y.MemberId == x.MemberId);
            if (m is null || (!isOffice && (!led.Contains(m.GroupId) || m.UserId == Actor.UserId))) throw new NotFoundException();
            if (x.Grade is { } gr && !Enum.IsDefined(gr)) v.Add($"grades[{i}].grade", Messages.Error_Required);
            v.Text($"grades[{i}].comment", x.Comment, PoolAppraisal.CommentMax, required: x.Grade == AppraisalGrade.Incompetent);
        }
        if (grades.Select(g => g.MemberId).Distinct().Count() != grades.Count) v.Add("grades", Messages.Group_DuplicatePerson);
        v.ThrowIfInvalid();

        var existing = await db.PoolAppraisals.Where(a => a.RoundId == roundId).ToDictionaryAsync(a => a.MemberId, ct);
        foreach (var x in grades)
        {
            existing.TryGetValue(x.MemberId, out var a);
            db.MatchVersion(a, x.Version);
            if (a is null) db.PoolAppraisals.Add(existing[x.MemberId] = a = PoolAppraisal.For(roundId, x.MemberId));
            var comment = string.IsNullOrWhiteSpace(x.Comment) ? null : x.Comment.Trim();
            if (isOffice) a.ByOffice(x.Grade, comment, Actor.UserId ?? Guid.Empty);
            else a.ByLeader(x.Grade, comment, Actor.UserId ?? Guid.Empty);
        }
        var policy = await data.PolicyAsync(round.CommitteeId, ct);
        foreach (var group in members.GroupBy(m => (m.GroupId, m.Name)))
        {
            var cap = (int)Math.Floor(group.Count() * policy.ExcellentPercent / 100.0);
            var excellent = group.Count(m => existing.TryGetValue(m.MemberId, out var a)
                                             && (isOffice ? a.OfficeGrade : a.LeaderGrade) == AppraisalGrade.Excellent);
            if (excellent > cap)
                v.Add("grades", string.Format(Messages.Appraisal_TooManyExcellent, group.Key.Name, cap, policy.ExcellentPercent, group.Count(), excellent));
        }
        v.ThrowIfInvalid();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The sheet as .xlsx (for the organisation department and the members' home units).</summary>
    public async Task<int> ExportAsync(Guid roundId, Stream output, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewPool);
        var sheet = await SheetAsync(roundId, ct);
        var trace = ExportTrace.Now(OrganizationExport.Who(Actor), clock);
        using (var x = new XlsxWriter(output, Messages.Export_AppraisalSheet, string.Format(Messages.Export_AppraisalTitle, sheet.RoundName),
                   [
                       new(Messages.Appraisal_Name, 10), new(Messages.Appraisal_Organization, 24, Wrap: true), new(Messages.Appraisal_Rank, 8),
                       new(Messages.Appraisal_Group, 12), new(Messages.Appraisal_Role, 8), new(Messages.Appraisal_Grade, 10),
                       new(Messages.Appraisal_OfficeComment, 36, Wrap: true), new(Messages.Appraisal_LeaderGrade, 10),
                       new(Messages.Appraisal_LeaderComment, 36, Wrap: true),
                   ], trace))
        {
            foreach (var r in sheet.Rows)
                x.WriteRow(r.Name, r.Organization, r.Rank, r.Group, r.RoleName, r.Final is { } f ? Labels.Of(f) : "", r.OfficeComment,
                    r.LeaderGrade is { } l ? Labels.Of(l) : "", r.LeaderComment);
        }
        await db.RecordNowAsync(AuditAction.Export, "pool_appraisals", roundId.ToString(), detail: new { rows = sheet.Rows.Count }, ct: ct);
        return sheet.Rows.Count;
    }

    private static bool Open(Round round) => round.Status >= RoundStatus.Reporting;

    private async Task<List<Guid>> LedGroupsAsync(Guid roundId, CancellationToken ct) =>
        Actor.UserId is not { } me ? [] : await (from gm in db.GroupMembers join g in db.Groups on gm.GroupId equals g.Id
                                                 where g.RoundId == roundId && gm.UserId == me && gm.Role == GroupRole.Leader
                                                 select g.Id).ToListAsync(ct);
}
