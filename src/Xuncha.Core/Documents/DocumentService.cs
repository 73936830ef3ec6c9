using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Organizations;
using Xuncha.Pool;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;
using Xuncha.Spreadsheets;

namespace Xuncha.Documents;

/// <summary>A row of the clue transfer list (问题线索移交清单), as the clue register hands it over.</summary>
public sealed record ClueTransferRow(string Number, string Subject, string Summary, string Group, DateOnly TransferredOn);

/// <summary>
/// Writes the official documents (.docx) from their templates with the data as the actor may see it: the round's
/// work plan, a group's report with the problems by category, the feedback to a unit, the unit's plan (the task
/// table) and report, the appraisal forms, and the clue transfer list. Every document carries the export trace
/// and every export is in the audit trail.
/// </summary>
public sealed class DocumentService(XunchaDbContext db, TemplateService templates, DeadlineService deadlines, AppraisalService appraisals,
    RectificationReportService reports, XunchaSettings settings, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    /// <summary>Writes the document of this kind for the round, group or target <paramref name="id"/>; returns its file name.</summary>
    public async Task<string> WriteAsync(DocumentKind kind, Guid id, Stream output, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewRounds);
        var (scope, fileName) = kind switch
        {
            DocumentKind.EntryAnnouncement => await EntryAnnouncementAsync(id, ct),
            DocumentKind.RoundPlan => await RoundPlanAsync(id, ct),
            DocumentKind.GroupReport => await GroupReportAsync(id, ct),
            DocumentKind.Feedback => await FeedbackAsync(id, ct),
            DocumentKind.RectificationPlan => await RectificationPlanAsync(id, ct),
            DocumentKind.RectificationReport => await RectificationReportAsync(id, ct),
            DocumentKind.Appraisal => await AppraisalAsync(id, ct),
            _ => throw new NotFoundException(),
        };
        await RenderAsync(kind, id, scope, fileName, output, ct);
        return fileName;
    }

    /// <summary>The clue transfer list for a batch the clue register hands over; only for roles that may see clues.</summary>
    public async Task<string> WriteClueTransferAsync(Guid batchId, Guid roundId, string receiver, IReadOnlyList<ClueTransferRow> clues, Stream output,
        CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewClues);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_ClueTransferTitle, round.Name), ct))
            .Set("接收单位", receiver).Set("线索数", clues.Count)
            .List("线索", clues.Select((c, i) => new DocScope().Set("序号", i + 1).Set("线索编号", c.Number).Set("反映对象", c.Subject)
                .Set("线索摘要", c.Summary).Set("来源巡察组", c.Group).Set("移交日期", c.TransferredOn)));
        var fileName = FileName($"{round.Name}问题线索移交清单（{receiver}）");
        await RenderAsync(DocumentKind.ClueTransfer, batchId, scope, fileName, output, ct);
        return fileName;
    }

    /// <summary>A template filled with sample data, to see what an upload gives.</summary>
    public async Task<string> WriteSampleAsync(DocumentKind kind, Stream output, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageTemplates);
        var template = await templates.ContentAsync(kind, ct);
        using var input = new MemoryStream(template, writable: false);
        DocxTemplate.Render(input, DocumentSamples.For(kind), Trace(), output);
        return FileName($"{Labels.Of(kind)}（示例）");
    }

    private async Task RenderAsync(DocumentKind kind, Guid id, DocScope scope, string fileName, Stream output, CancellationToken ct)
    {
        var template = await templates.ContentAsync(kind, ct);
        using (var input = new MemoryStream(template, writable: false))
        using (var buffer = new MemoryStream())
        {
            DocxTemplate.Render(input, scope, Trace(), buffer);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
        }
        await db.RecordNowAsync(AuditAction.Export, "documents", id.ToString(), detail: new { kind = kind.ToString(), file = fileName }, ct: ct);
    }

    private ExportTrace Trace() => ExportTrace.Now(OrganizationExport.Who(Actor), clock);

    private async Task<(DocScope, string)> RoundPlanAsync(Guid roundId, CancellationToken ct)
    {
        var round = await RoundAsync(roundId, ct);
        if (!Actor.Can(Permission.ManageRounds) && !Actor.Can(Permission.ApproveRounds) && !Actor.Has(Role.Discipline)
            && !await db.Groups.VisibleTo(db).AnyAsync(g => g.RoundId == roundId, ct))
            throw new NotFoundException();
        var groups = await db.Groups.AsNoTracking().Where(g => g.RoundId == roundId).OrderBy(g => g.Number).ToListAsync(ct);
        var members = (await (from gm in db.GroupMembers join m in db.PoolMembers on gm.MemberId equals m.Id
                              join g in db.Groups on gm.GroupId equals g.Id
                              where g.RoundId == roundId orderby m.Name select new { gm.GroupId, gm.Role, m.Name }).ToListAsync(ct))
            .ToLookup(m => m.GroupId);
        var targets = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.RoundId == roundId orderby o.SortOrder select new { t.GroupId, o.Name }).ToListAsync(ct);
        string Names(Guid g, GroupRole role) => string.Join("、", members[g].Where(m => m.Role == role).Select(m => m.Name));
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_RoundPlanTitle, round.Name), ct))
            .Set("巡察主题", round.Theme).Set("巡察重点", round.FocusPoints).Set("开始日期", round.PlannedStart).Set("结束日期", round.PlannedEnd)
            .Set("对象数", targets.Count).Set("组数", groups.Count)
            .List("巡察组", groups.Select(g => new DocScope().Set("组名", g.Name).Set("组长", Names(g.Id, GroupRole.Leader))
                .Set("副组长", Names(g.Id, GroupRole.Deputy)).Set("成员", Names(g.Id, GroupRole.Member))
                .Set("巡察对象", string.Join("、", targets.Where(t => t.GroupId == g.Id).Select(t => t.Name)))));
        return (scope, FileName($"{round.Name}工作方案"));
    }

    private async Task<(DocScope, string)> GroupReportAsync(Guid groupId, CancellationToken ct)
    {
        var group = await db.Groups.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException();
        var round = await RoundAsync(group.RoundId, ct);
        var report = await db.GroupReports.AsNoTracking().SingleOrDefaultAsync(r => r.GroupId == groupId, ct);
        var targets = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.GroupId == groupId orderby o.SortOrder select o.Name).ToListAsync(ct);
        var problems = await ProblemsAsync(db.Problems.Where(p => p.GroupId == groupId), ct);
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_GroupReportTitle, group.Name, string.Join("、", targets)), ct))
            .Set("组名", group.Name).Set("巡察对象", string.Join("、", targets))
            .Set("进驻日期", round.FieldworkStartedOn ?? round.PlannedStart).Set("结束日期", round.FieldworkEndedOn ?? round.PlannedEnd)
            .Set("总体评价", report?.GeneralAssessment).Set("意见建议", report?.Suggestions);
        ByCategory(scope, problems);
        return (scope, FileName($"{group.Name}巡察报告"));
    }

    /// <summary>The group's entry announcement (进驻公告) with the link and QR code of its public report page.</summary>
    private async Task<(DocScope, string)> EntryAnnouncementAsync(Guid groupId, CancellationToken ct)
    {
        if (!Actor.Can(Permission.HandleLetters)) throw new NotFoundException();
        var group = await db.Groups.VisibleTo(db).SingleOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException();
        if (!Actor.Has(Role.Office) && !Actor.IsSystem && !await db.IsInGroupAsync(groupId, leaderOnly: false, ct))
            throw new NotFoundException();
        var round = await RoundAsync(group.RoundId, ct);
        var targets = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.GroupId == groupId orderby o.SortOrder select o.Name).ToListAsync(ct);
        var leader = await (from m in db.GroupMembers join p in db.PoolMembers on m.MemberId equals p.Id
                            where m.GroupId == groupId && m.Role == GroupRole.Leader select p.Name).FirstOrDefaultAsync(ct);
        var link = settings.ReportLink(group.ReportToken);
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_EntryAnnouncementTitle, group.Name, string.Join("、", targets)), ct))
            .Set("组名", group.Name).Set("组长", leader).Set("被巡察单位", string.Join("、", targets))
            .Set("进驻日期", round.FieldworkStartedOn ?? round.PlannedStart).Set("结束日期", round.PlannedEnd)
            .Set("举报链接", link).Image("举报二维码", Pictures.QrPng(link), 30, link);
        return (scope, FileName($"{group.Name}进驻公告"));
    }

    private async Task<(DocScope, string)> FeedbackAsync(Guid targetId, CancellationToken ct)
    {
        var (target, round, unit) = await TargetAsync(targetId, ct);
        var problems = await ProblemsAsync(db.Problems.Where(p => p.TargetId == targetId), ct);
        var group = target.GroupId is { } gid ? await db.Groups.Where(g => g.Id == gid).Select(g => g.Name).SingleAsync(ct) : "";
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_FeedbackTitle, group, unit), ct))
            .Set("组名", group).Set("被巡察单位", unit)
            .Set("进驻日期", round.FieldworkStartedOn ?? round.PlannedStart).Set("结束日期", round.FieldworkEndedOn ?? round.PlannedEnd);
        if (target.FeedbackDate is { } on)
        {
            var due = await deadlines.ForFeedbackAsync(round.CommitteeId, on, ct);
            scope.Set("反馈日期", on).Set("方案期限", due.PlanDue).Set("报告期限", due.ReportDue);
        }
        else
        {
            var policy = await deadlines.PolicyAsync(round.CommitteeId, ct);
            scope.Set("反馈日期", Messages.Doc_DateToBeSet)
                .Set("方案期限", string.Format(Messages.Doc_PlanDueRule, policy.PlanDueWorkingDays))
                .Set("报告期限", string.Format(Messages.Doc_ReportDueRule, policy.ReportDueMonths));
        }
        ByCategory(scope, problems);
        return (scope, FileName($"{group}关于巡察{unit}的反馈意见"));
    }

    private async Task<(DocScope, string)> RectificationPlanAsync(Guid targetId, CancellationToken ct)
    {
        var (target, round, unit) = await TargetAsync(targetId, ct);
        var plan = await db.Plans.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(p => p.TargetId == targetId, ct) ?? throw new NotFoundException(Messages.Plan_NotYet);
        var tasks = await TasksAsync(plan.Id, ct);
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_RectificationPlanTitle, unit, round.Name), ct))
            .Set("被巡察单位", unit).Set("反馈日期", target.FeedbackDate)
            .Set("问题数", await db.Problems.CountAsync(p => p.TargetId == targetId && p.Status == ProblemStatus.Approved, ct))
            .Set("任务数", tasks.Count)
            .List("任务", tasks.Select((t, i) => t.Scope(i + 1)));
        return (scope, FileName($"{unit}整改方案"));
    }

    private async Task<(DocScope, string)> RectificationReportAsync(Guid targetId, CancellationToken ct)
    {
        var (target, round, unit) = await TargetAsync(targetId, ct);
        var view = await reports.GetAsync(targetId, ct);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.TargetId == targetId, ct);
        var tasks = (await TasksAsync(plan.Id, ct)).Where(t => t.State is not (TaskState.Planned or TaskState.Proposed)).ToList();
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_RectificationReportTitle, unit, round.Name), ct))
            .Set("被巡察单位", unit).Set("反馈日期", target.FeedbackDate).Set("整改报告正文", view.Summary)
            .Set("任务数", view.Tasks).Set("已完成数", view.Closed).Set("持续数", view.Ongoing).Set("未完成数", view.Open)
            .Set("评价等次", view.Grade is { } g ? Labels.Of(g) : "").Set("评价意见", view.EvaluationComment)
            .List("任务", tasks.Select((t, i) => t.Scope(i + 1)));
        return (scope, FileName($"{unit}整改情况报告"));
    }

    private async Task<(DocScope, string)> AppraisalAsync(Guid roundId, CancellationToken ct)
    {
        var sheet = await appraisals.SheetAsync(roundId, ct);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
        var scope = (await CommonAsync(round, string.Format(Messages.Doc_AppraisalTitle, round.Name), ct))
            .List("人员", sheet.Rows.Select(r => new DocScope().Set("姓名", r.Name).Set("所在单位", r.Organization).Set("职级", r.Rank)
                .Set("巡察组", r.Group).Set("组内职务", r.RoleName).Set("组长评定", r.LeaderGrade is { } l ? Labels.Of(l) : "")
                .Set("组长意见", r.LeaderComment).Set("鉴定等次", r.Final is { } f ? Labels.Of(f) : "").Set("巡察办意见", r.OfficeComment)));
        return (scope, FileName($"{round.Name}巡察工作鉴定表"));
    }

    private async Task<Round> RoundAsync(Guid roundId, CancellationToken ct) =>
        await db.Rounds.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();

    private async Task<(RoundTarget, Round, string)> TargetAsync(Guid targetId, CancellationToken ct)
    {
        var target = await db.RoundTargets.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == target.RoundId, ct);
        var unit = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        return (target, round, unit);
    }

    private async Task<DocScope> CommonAsync(Round round, string title, CancellationToken ct)
    {
        var committee = await db.Organizations.Where(o => o.Id == round.CommitteeId).Select(o => o.Name).SingleAsync(ct);
        return new DocScope().Set("标题", title).Set("党委名称", committee).Set("轮次名称", round.Name).Set("轮次类型", Labels.Of(round.Type))
            .Set("年度", round.Year).Set("编号前缀", round.NumberPrefix).Set("今天", clock.Today());
    }

    private sealed record ProblemLine(string Category, int CategoryOrder, string? Number, int? Sequence, string Title, string Manifestation, string? Basis,
        string? Responsibility, string Unit, int UnitOrder);

    private async Task<List<ProblemLine>> ProblemsAsync(IQueryable<Problem> problems, CancellationToken ct) =>
        await (from p in problems.VisibleTo(db).AsNoTracking()
               where p.Status == ProblemStatus.Approved
               join c in db.Categories on p.CategoryId equals c.Id
               join t in db.RoundTargets on p.TargetId equals t.Id
               join o in db.Organizations on t.OrganizationId equals o.Id
               orderby c.SortOrder, o.SortOrder, p.Sequence, p.CreatedAt
               select new ProblemLine(c.Name, c.SortOrder, p.Number, p.Sequence, p.Title, p.Manifestation, p.Basis, p.Responsibility, o.Name, o.SortOrder))
            .ToListAsync(ct);

    /// <summary>
    /// The problems by category — （一）类别, then 1. 2. … numbered through the whole document — and, for a template
    /// that lists them without categories, all of them in the same order as the top-level list 问题.
    /// </summary>
    private static void ByCategory(DocScope scope, List<ProblemLine> problems)
    {
        static DocScope Item(ProblemLine p, int n) => new DocScope().Set("序号", n).Set("问题编号", p.Number).Set("问题标题", p.Title.TrimEnd('。', '.'))
            .Set("问题表现", p.Manifestation).Set("定性依据", p.Basis).Set("责任指向", p.Responsibility).Set("被巡察单位", p.Unit);
        var n = 0;
        scope.Set("问题数", problems.Count)
            .List("类别", problems.GroupBy(p => p.Category).Select((g, i) => new DocScope()
                .Set("类别序号", Numerals.Chinese(i + 1)).Set("类别名称", g.Key).List("问题", g.Select(p => Item(p, ++n)).ToList())).ToList())
            .List("问题", problems.GroupBy(p => p.Category).SelectMany(g => g).Select((p, i) => Item(p, i + 1)));
    }

    private sealed record TaskLine(string Problem, string Goal, string Measures, string Leader, string Lead, string CoUnits, TaskKind Kind, DateOnly? Deadline,
        string Milestones, TaskState State, ClosureResult? Result, DateOnly? ClosedOn)
    {
        public DocScope Scope(int seq) => new DocScope().Set("序号", seq).Set("反馈问题", Problem).Set("整改目标", Goal).Set("整改措施", Measures)
            .Set("责任领导", Leader).Set("牵头单位", Lead).Set("协办单位", CoUnits).Set("整改类型", Labels.Of(Kind))
            .Set("完成时限", Deadline is { } d ? Dates.Chinese(d) : Messages.TaskKind_LongTerm).Set("阶段目标", Milestones)
            .Set("状态", State == TaskState.Closed && Result is { } r ? Labels.Of(r) : Labels.Of(State)).Set("销号日期", ClosedOn);
    }

    private async Task<List<TaskLine>> TasksAsync(Guid planId, CancellationToken ct)
    {
        var rows = await (from t in db.Tasks.AsNoTracking()
                          where t.PlanId == planId && t.State != TaskState.Proposed
                          join p in db.Problems on t.ProblemId equals p.Id
                          join lead in db.Organizations on t.LeadOrganizationId equals lead.Id
                          orderby p.Sequence, t.Sequence
                          select new { t.Id, p.Number, p.Title, t.Goal, t.Measures, t.ResponsibleLeader, Lead = lead.Name, t.Kind, t.Deadline, t.State,
                              t.ClosureResult, t.ClosedOn }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var co = (await (from c in db.TaskCoOrganizations join o in db.Organizations on c.OrganizationId equals o.Id
                         where ids.Contains(c.TaskId) orderby o.SortOrder select new { c.TaskId, o.Name }).ToListAsync(ct)).ToLookup(c => c.TaskId, c => c.Name);
        var milestones = (await db.TaskMilestones.AsNoTracking().Where(m => ids.Contains(m.TaskId)).OrderBy(m => m.DueOn).ToListAsync(ct))
            .ToLookup(m => m.TaskId);
        return rows.Select(r => new TaskLine(r.Number is null ? r.Title : $"{r.Number} {r.Title}", r.Goal, r.Measures, r.ResponsibleLeader, r.Lead,
            string.Join("、", co[r.Id]), r.Kind, r.Deadline, Milestones.Format(milestones[r.Id].Select(m => (m.DueOn, m.Description))), r.State,
            r.ClosureResult, r.ClosedOn)).ToList();
    }

    /// <summary>A file name without the characters Windows refuses.</summary>
    public static string FileName(string stem) =>
        new string(stem.Select(c => Path.GetInvalidFileNameChars().Contains(c) || "\\/:*?\"<>|".Contains(c) ? '_' : c).ToArray()).Trim() + ".docx";
}
