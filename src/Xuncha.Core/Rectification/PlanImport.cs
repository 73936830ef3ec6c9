using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Organizations;
using Xuncha.Problems;
using Xuncha.Rounds;
using Xuncha.Spreadsheets;

namespace Xuncha.Rectification;

public enum ImportAction
{
    Create,
    Update,
    Unchanged,
}

/// <summary>How one row of the file was read and what it becomes.</summary>
public sealed record PlanImportRow(
    int Row, string ProblemText, string? Problem, string Goal, string Measures, string Leader, string LeadUnit, string CoUnits,
    string DeadlineText, string? Deadline, TaskKind? Kind, int Milestones, ImportAction? Action)
{
    public string KindName => Kind is { } k ? Labels.Of(k) : "";
}

public sealed record PlanImportResult(
    IReadOnlyList<PlanImportRow> Rows, IReadOnlyList<ImportIssue> Issues, IReadOnlyList<ImportIssue> Warnings, int Created, int Updated, int Unchanged,
    int NotInFile, bool Committed)
{
    public bool IsValid => Issues.Count == 0;
    public int Changes => Created + Updated;
}

/// <summary>
/// A unit's rectification plan (or ledger) from Excel as offices write it: a title and blank rows above the
/// header; headers in any order and under their usual other names (完成时限 = 整改时限 = 完成时间, 牵头单位 = 责任单位);
/// a problem merged over the rows of its tasks; dates as dates or as text (2025年3月31日, 2025.3.31, 3月底, 长期坚持);
/// full-width digits. Each row is matched to a feedback problem (by its number, or its title) and to an existing
/// task of that problem with the same goal, which it updates; otherwise it adds a task. Every error by row and
/// column; nothing is written until every row is right, so the same file imported twice changes nothing.
/// </summary>
public sealed class PlanImport(XunchaDbContext db, DeadlineService deadlines, TimeProvider clock)
{
    public const int MaxRows = 20_000;
    public const long MaxBytes = 20L * 1024 * 1024;

    internal static readonly ImportColumn Problem = new(Messages.Ledger_Problem, true, "问题", "存在问题", "巡察反馈问题", "反馈问题清单", "问题清单", "问题描述",
        "主要问题", "巡察发现问题", "问题内容");
    internal static readonly ImportColumn ProblemNumber = new("问题编号", false, "编号");
    internal static readonly ImportColumn Goal = new(Messages.Ledger_Goal, true, "目标", "整改目标要求");
    internal static readonly ImportColumn Measures = new(Messages.Ledger_Measures, true, "具体措施", "整改举措", "措施", "主要措施", "整改具体措施");
    internal static readonly ImportColumn Leader = new(Messages.Ledger_Leader, true, "责任人", "分管领导", "责任领导人", "牵头领导", "责任校领导", "主要责任人");
    internal static readonly ImportColumn Lead = new(Messages.Ledger_LeadUnit, true, "责任单位", "牵头部门", "责任部门", "主责单位", "牵头责任单位");
    internal static readonly ImportColumn Co = new(Messages.Ledger_CoUnits, false, "配合单位", "协同单位", "配合部门", "协办部门", "协助单位");
    internal static readonly ImportColumn Deadline = new(Messages.Ledger_Deadline, true, "整改时限", "完成时间", "时限要求", "整改期限", "完成期限", "时间节点",
        "完成时限要求");
    internal static readonly ImportColumn Kind = new(Messages.Ledger_Kind, false, "整改方式", "类型", "整改分类");
    internal static readonly ImportColumn Stages = new(Messages.Ledger_Milestones, false, "阶段性目标", "节点目标", "阶段安排");
    internal static readonly ImportColumn Unit = new(Messages.Ledger_Unit, false, "被巡察党组织");
    internal static readonly ImportColumn[] Columns = [Problem, ProblemNumber, Goal, Measures, Leader, Lead, Co, Deadline, Kind, Stages, Unit];

    private static readonly char[] Separators = ['、', ',', '，', ';', '；', '/', '\n', ' '];

    private sealed record Existing(Guid Id, Guid ProblemId, TaskState State, string Goal, string Measures, string Leader, Guid Lead, HashSet<Guid> Co,
        TaskKind Kind, DateOnly? Deadline, List<(DateOnly, string)> Milestones);

    private sealed record Pending(Guid ProblemId, TaskRules.Clean Task, Existing? Match);

    public async Task<PlanImportResult> RunAsync(Guid targetId, Stream content, string fileName, bool commit, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.WritePlans);
        var target = await db.RoundTargets.VisibleTo(db).SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        if (!db.Actor.IsSystem && !(db.Actor.Has(Role.Unit) && db.Actor.OrganizationId == target.OrganizationId))
            throw new ForbiddenException(Messages.Plan_OnlyUnit);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.TargetId == targetId, ct) ?? throw new NotFoundException(Messages.Plan_NotYet);
        var feedback = target.FeedbackDate!.Value;
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == target.RoundId, ct);
        var policy = await deadlines.PolicyAsync(round.CommitteeId, ct);

        var table = ImportTable.Open(content, fileName, MaxRows, MaxBytes, Columns);
        var (header, issues) = (table.Header, table.Issues);
        var warnings = new List<ImportIssue>();
        if (!table.Usable) return new PlanImportResult([], issues, warnings, 0, 0, 0, 0, false);

        var unitName = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        var problems = await db.Problems.AsNoTracking().Where(p => p.TargetId == targetId && p.Status == ProblemStatus.Approved)
            .OrderBy(p => p.Sequence).Select(p => new { p.Id, p.Number, p.Title }).ToListAsync(ct);
        var byNumber = problems.Where(p => p.Number != null).ToDictionary(p => Key(p.Number!), p => p.Id);
        var numberLengths = byNumber.Keys.Select(k => k.Length).Distinct().OrderDescending().ToList();
        var byTitle = problems.ToLookup(p => Key(p.Title).TrimEnd('。', '.'), p => p.Id);
        var titles = problems.Select(p => (p.Id, Title: Key(p.Title).TrimEnd('。', '.'))).ToList();

        // by the number the text begins with, by the whole title, by a title the text holds, by the title that holds the text
        Guid? MatchProblem(string key)
        {
            foreach (var length in numberLengths)
                if (key.Length >= length && byNumber.TryGetValue(key[..length], out var id)) return id;
            var bare = key.TrimEnd('。', '.');
            if (byTitle[bare].ToList() is [var exact]) return exact;
            if (titles.Where(t => t.Title.Length >= 4 && bare.Contains(t.Title, StringComparison.Ordinal)).ToList() is [var holds]) return holds.Id;
            if (bare.Length >= 6 && titles.Where(t => t.Title.Contains(bare, StringComparison.Ordinal)).ToList() is [var held]) return held.Id;
            return null;
        }
        var label = problems.ToDictionary(p => p.Id, p => p.Number is null ? p.Title : $"{p.Number} {p.Title}");

        var orgs = await db.Organizations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name, o.Code }).ToListAsync(ct);
        var orgByCode = orgs.Where(o => o.Code.Length > 0).GroupBy(o => o.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var orgByName = orgs.ToLookup(o => Key(o.Name), o => o.Id);
        var active = orgs.Select(o => o.Id).ToHashSet();

        var existing = await LoadExistingAsync(plan.Id, ct);
        var existingByGoal = existing.GroupBy(e => (e.ProblemId, Key(e.Goal))).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<PlanImportRow>();
        var pending = new List<Pending>();
        var seen = new Dictionary<(Guid, string), int>();
        foreach (var r in table.DataRows)
        {
            var firstIssue = issues.Count;
            bool HasIssue(ImportColumn? c = null) => issues.Skip(firstIssue).Any(i => c is null || i.Column == c.Header);
            void Issue(ImportColumn c, string message) => issues.Add(new ImportIssue(r.Number, c.Header, message));
            string Get(ImportColumn c) => header!.Get(r, c);
            var problemText = Get(Problem);
            // a trailing totals line (合计 …) or a note under the table is not a task
            if (problemText.StartsWith("合计", StringComparison.Ordinal) && Get(Measures).Length == 0) continue;

            var unitText = Get(Unit);
            if (unitText.Length > 0 && Key(unitText) != Key(unitName)) Issue(Unit, string.Format(Messages.PlanImport_OtherUnit, unitText, unitName));

            Guid? problemId = null;
            var numberText = Get(ProblemNumber);
            if (numberText.Length > 0 && byNumber.TryGetValue(Key(numberText), out var byNo)) problemId = byNo;
            else if (problemText.Length == 0 && numberText.Length == 0) Issue(Problem, Messages.Error_Required);
            else
            {
                problemId = MatchProblem(Key(problemText));
                if (problemId is null)
                    Issue(Problem, string.Format(Messages.PlanImport_NoProblem, Shorten(numberText.Length > 0 ? numberText : problemText),
                        problems.FirstOrDefault(p => p.Number != null)?.Number ?? "—"));
            }

            var leadText = Get(Lead);
            Guid? lead = null;
            if (leadText.Length == 0) Issue(Lead, Messages.Error_Required);
            else lead = Org(leadText, c => Issue(Lead, c));
            var coIds = new List<Guid>();
            foreach (var name in Get(Co).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
                if (Org(name, c => Issue(Co, c)) is { } id) coIds.Add(id);

            var deadlineText = Get(Deadline);
            var parsed = DateText.Parse(deadlineText, feedback);
            if (!parsed.Understood) Issue(Deadline, string.Format(Messages.PlanImport_BadDeadline, deadlineText));
            TaskKind? kind = null;
            var kindText = Get(Kind);
            if (kindText.Length > 0)
            {
                kind = KindOf(kindText);
                if (kind is null) Issue(Kind, string.Format(Messages.Import_BadChoice, kindText, string.Join("、", Enum.GetValues<TaskKind>().Select(k => Labels.Of(k)))));
            }
            kind ??= parsed.Word switch
            {
                DeadlineWord.LongTerm => TaskKind.LongTerm,
                DeadlineWord.Immediate => TaskKind.Immediate,
                _ => parsed.Understood && deadlineText.Length > 0 ? TaskKind.Deadline : null,
            };
            var date = parsed.Date;
            if (kind == TaskKind.Immediate && date is null && parsed.Understood) date = feedback.AddDays(policy.ImmediateFixDays);
            if (kind is TaskKind.Deadline or TaskKind.Immediate && date is null && parsed.Understood)
                Issue(Deadline, deadlineText.Length == 0 ? Messages.Error_Required : string.Format(Messages.PlanImport_NeedsDate, deadlineText));

            var (stages, unread) = Milestones.Parse(Get(Stages), feedback);
            foreach (var u in unread) Issue(Stages, string.Format(Messages.PlanImport_BadMilestone, Shorten(u)));
            if (kind == TaskKind.LongTerm && stages.Count == 0 && unread.Count == 0) Issue(Stages, Messages.PlanImport_LongTermNeedsMilestones);

            var input = new TaskInput(problemId, Get(Goal), Get(Measures), Get(Leader), lead, coIds, kind, date,
                kind == TaskKind.LongTerm ? stages.Select(s => new MilestoneInput(s.DueOn, s.Description)).ToList() : []);
            var v = new Validator();
            var clean = TaskRules.Validate(input, active, v);
            foreach (var (field, message) in v.Problems)
            {
                var column = field switch
                {
                    "goal" => Goal, "measures" => Measures, "responsibleLeader" => Leader, "leadOrganizationId" => Lead, "coOrganizationIds" => Co,
                    "deadline" => Deadline, "kind" => header!.Has(Kind) ? Kind : Deadline, _ => Stages,
                };
                if (!HasIssue(column)) Issue(column, message);
            }

            ImportAction? action = null;
            if (clean is not null && problemId is { } pid && !HasIssue())
            {
                var goalKey = Key(clean.Goal);
                if (seen.TryGetValue((pid, goalKey), out var first)) Issue(Goal, string.Format(Messages.PlanImport_DuplicateRow, first));
                else
                {
                    seen[(pid, goalKey)] = r.Number;
                    var match = existingByGoal.GetValueOrDefault((pid, goalKey));
                    action = match is null ? ImportAction.Create : Same(match, clean) ? ImportAction.Unchanged : ImportAction.Update;
                    if (action == ImportAction.Update && match!.State != TaskState.Planned)
                        Issue(Goal, string.Format(Messages.PlanImport_TaskUnderWay, Labels.Of(match.State)));
                    pending.Add(new Pending(pid, clean, match));
                    var probe = RectificationTask.Plan(Guid.Empty, plan.Id, pid, 0, clock.GetUtcNow());
                    probe.Edit(clean.Goal, clean.Measures, clean.Leader, clean.Lead, clean.CoOrganizations, clean.Kind, clean.Deadline, clean.Milestones);
                    if (action != ImportAction.Unchanged)
                        foreach (var w in TaskRules.DeadlineProblems(probe, feedback, clock.Today(), policy))
                            warnings.Add(new ImportIssue(r.Number, Deadline.Header, w));
                }
            }
            rows.Add(new PlanImportRow(r.Number, problemText.Length > 0 ? problemText : numberText, problemId is { } p ? label[p] : null, Get(Goal),
                Get(Measures), Get(Leader), leadText, Get(Co), deadlineText, kind == TaskKind.LongTerm && date is null ? Labels.Of(TaskKind.LongTerm)
                    : date?.ToString("yyyy-MM-dd"), kind, stages.Count, action));
        }
        if (rows.Count == 0) issues.Add(new ImportIssue(header!.RowNumber + 1, Problem.Header, Messages.Import_Empty));
        var changes = pending.Count(p => p.Match is null || !Same(p.Match, p.Task));
        if (changes > 0 && !plan.IsEditable)
            issues.Insert(0, new ImportIssue(header!.RowNumber, Problem.Header, string.Format(Messages.Plan_NotEditable, plan.Status.Label())));
        issues.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));

        var created = pending.Count(p => p.Match is null);
        var updated = pending.Count(p => p.Match is not null && !Same(p.Match, p.Task));
        var unchanged = pending.Count - created - updated;
        var notInFile = existing.Count(e => e.State != TaskState.Proposed && pending.All(p => p.Match?.Id != e.Id));
        if (issues.Count > 0 || !commit || changes == 0)
            return new PlanImportResult(rows, issues, warnings, created, updated, unchanged, notInFile, false);

        var sequence = await db.Tasks.Where(t => t.PlanId == plan.Id).MaxAsync(t => (int?)t.Sequence, ct) ?? 0;
        var now = clock.GetUtcNow();
        var toUpdate = pending.Where(p => p.Match is not null && !Same(p.Match, p.Task)).Select(p => p.Match!.Id).ToList();
        var tracked = await db.Tasks.Include(t => t.CoOrganizations).Include(t => t.Milestones).Where(t => toUpdate.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var added = new List<RectificationTask>();
        foreach (var p in pending)
        {
            var c = p.Task;
            if (p.Match is null)
            {
                var task = RectificationTask.Plan(Guid.CreateVersion7(now), plan.Id, p.ProblemId, ++sequence, now);
                task.Edit(c.Goal, c.Measures, c.Leader, c.Lead, c.CoOrganizations, c.Kind, c.Deadline, c.Milestones);
                added.Add(task);
            }
            else if (tracked.TryGetValue(p.Match.Id, out var task))
                task.Edit(c.Goal, c.Measures, c.Leader, c.Lead, c.CoOrganizations, c.Kind, c.Deadline, c.Milestones);
        }
        db.Record(AuditAction.Import, "rectification_tasks", targetId.ToString(),
            detail: new { file = Path.GetFileName(fileName), created, updated, unchanged });
        // new tasks go in with COPY (a plan of thousands of rows in seconds), each audited like any insert
        await db.BulkInsertAsync([added, added.SelectMany(t => t.CoOrganizations).ToList(), added.SelectMany(t => t.Milestones).ToList()], ct);
        return new PlanImportResult(rows, [], warnings, created, updated, unchanged, notInFile, true);

        Guid? Org(string text, Action<string> issue)
        {
            if (orgByCode.TryGetValue(text, out var id)) return id;
            var named = orgByName[Key(text)].ToList();
            if (named.Count == 1) return named[0];
            issue(string.Format(named.Count > 1 ? Messages.Import_AmbiguousOrganization : Messages.Import_NoSuchOrganization, text));
            return null;
        }
    }

    private async Task<List<Existing>> LoadExistingAsync(Guid planId, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking().Include(t => t.CoOrganizations).Include(t => t.Milestones)
            .Where(t => t.PlanId == planId && t.State != TaskState.Proposed).ToListAsync(ct);
        return tasks.Select(t => new Existing(t.Id, t.ProblemId, t.State, t.Goal, t.Measures, t.ResponsibleLeader, t.LeadOrganizationId,
            t.CoOrganizations.Select(c => c.OrganizationId).ToHashSet(), t.Kind, t.Deadline,
            t.Milestones.OrderBy(m => m.DueOn).Select(m => (m.DueOn, m.Description)).ToList())).ToList();
    }

    private static bool Same(Existing e, TaskRules.Clean c) =>
        e.Measures == c.Measures && e.Leader == c.Leader && e.Lead == c.Lead && e.Co.SetEquals(c.CoOrganizations.Where(o => o != c.Lead))
        && e.Kind == c.Kind && e.Deadline == c.Deadline && e.Milestones.SequenceEqual(c.Milestones.OrderBy(m => m.Item1));

    private static TaskKind? KindOf(string text) => HeaderMap.Normalize(text) switch
    {
        "立行立改" or "立即整改" or "即知即改" => TaskKind.Immediate,
        "限期整改" or "限时整改" or "集中整改" => TaskKind.Deadline,
        "长期坚持" or "长期整改" or "持续整改" or "长期" => TaskKind.LongTerm,
        _ => null,
    };

    /// <summary>Text as compared: half-width, without spaces of any kind.</summary>
    private static string Key(string s) => new(HeaderMap.Normalize(s).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string Shorten(string s) => s.Length > 30 ? s[..30] + "…" : s;

    /// <summary>The target's plan as .xlsx in the ledger's columns (which this import reads back).</summary>
    public async Task<(string FileName, int Rows)> ExportAsync(Guid targetId, Stream output, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var target = await db.RoundTargets.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        var plan = await db.Plans.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(p => p.TargetId == targetId, ct) ?? throw new NotFoundException(Messages.Plan_NotYet);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == target.RoundId, ct);
        var unit = await db.Organizations.Where(o => o.Id == target.OrganizationId).Select(o => new { o.Name, o.SortOrder }).SingleAsync(ct);
        var tasks = await (from t in db.Tasks.AsNoTracking().Include(t => t.Milestones)
                           where t.PlanId == plan.Id && t.State != TaskState.Proposed
                           join p in db.Problems on t.ProblemId equals p.Id
                           join c in db.Categories on p.CategoryId equals c.Id
                           join lead in db.Organizations on t.LeadOrganizationId equals lead.Id
                           orderby p.Sequence, t.Sequence
                           select new { t, p.Number, p.Title, Category = c.Name, Lead = lead.Name }).ToListAsync(ct);
        var ids = tasks.Select(x => x.t.Id).ToList();
        var co = (await (from c in db.TaskCoOrganizations join o in db.Organizations on c.OrganizationId equals o.Id
                         where ids.Contains(c.TaskId) orderby o.SortOrder select new { c.TaskId, o.Name }).ToListAsync(ct)).ToLookup(c => c.TaskId, c => c.Name);
        var trace = ExportTrace.Now(OrganizationExport.Who(db.Actor), clock);
        var title = string.Format(Messages.Export_PlanTitle, unit.Name, round.Name);
        using (var x = new XlsxWriter(output, Messages.Export_PlanSheet, title, Ledger.LedgerService.Columns, trace))
        {
            var seq = 0;
            foreach (var r in tasks)
            {
                var t = r.t;
                x.WriteRow(++seq, r.Number is null ? r.Title : $"{r.Number} {r.Title}", t.Goal, t.Measures, t.ResponsibleLeader, r.Lead, string.Join("、", co[t.Id]),
                    (object?)t.Deadline ?? Messages.TaskKind_LongTerm, Labels.Of(t.Kind),
                    Milestones.Format(t.Milestones.OrderBy(m => m.DueOn).Select(m => (m.DueOn, m.Description))),
                    t.State == TaskState.Closed && t.ClosureResult is { } cr ? Labels.Of(cr) : Labels.Of(t.State), t.ClosedOn, unit.Name, r.Category, round.Name);
            }
        }
        await db.RecordNowAsync(AuditAction.Export, "rectification_tasks", targetId.ToString(), detail: new { rows = tasks.Count }, ct: ct);
        return (FileName(title), tasks.Count);
    }

    private static string FileName(string stem) => new string(stem.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c).ToArray()) + ".xlsx";
}
