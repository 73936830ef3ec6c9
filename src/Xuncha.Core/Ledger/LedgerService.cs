using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Organizations;
using Xuncha.Rectification;
using Xuncha.Rounds;
using Xuncha.Spreadsheets;

namespace Xuncha.Ledger;

public sealed record LedgerFilter(
    Guid? RoundId = null, Guid? OrganizationId = null, Guid? CategoryId = null, TaskKind? Kind = null, TaskState? State = null,
    bool OverdueOnly = false, string? Search = null);

/// <summary>
/// A row of the ledger: a task of an approved plan — or, for a fed-back problem that has none yet, the problem alone,
/// with how far its plan has got (<see cref="Stage"/>: 未制定方案, 方案编制中, 方案待审, 方案退回修改) and the plan's due date.
/// </summary>
public sealed record LedgerRow(
    int Seq, Guid? TaskId, Guid ProblemId, Guid TargetId, Guid OrganizationId, string Round, string Unit, string? ProblemNumber, string ProblemTitle, string Category,
    string Goal, string Measures, string Leader, string LeadUnit, string CoUnits, DateOnly? Deadline, TaskKind? Kind, TaskState? State,
    ClosureResult? Result, DateOnly? ClosedOn, Countdown? Due, string Milestones = "", string? Stage = null)
{
    public string Problem => ProblemNumber is null ? ProblemTitle : $"{ProblemNumber} {ProblemTitle}";

    /// <summary>Where the row leads: its task, or for a problem still without one, its target's plan.</summary>
    public string Link => TaskId is { } t ? $"/tasks/{t}" : $"/targets/{TargetId}";

    public string DeadlineText => Deadline?.ToString("yyyy-MM-dd") ?? (Kind is null ? "" : Messages.TaskKind_LongTerm);

    public string StatusText
    {
        get
        {
            var state = Stage ?? (State == TaskState.Closed && Result is { } r ? Labels.Of(r) : Labels.Of(State!.Value));
            return Due?.Level == DueLevel.Overdue ? $"{state}（{Due.Text}）" : state;
        }
    }

    public static string StageOf(PlanStatus? plan) => plan is null ? Messages.LedgerStage_NoPlan : plan.Value switch
    {
        PlanStatus.Draft => Messages.LedgerStage_Drafting,
        PlanStatus.Submitted => Messages.LedgerStage_Submitted,
        PlanStatus.Returned => Messages.LedgerStage_Returned,
        PlanStatus.Approved => Messages.LedgerStage_NoTask,
    };
}

/// <summary>The ledger's totals, counted by problem: a problem is 已完成 when all its tasks are closed as done,
/// 基本完成持续整改 when all are closed and some are long-term tasks kept up, otherwise 未完成.</summary>
public sealed record LedgerTotals(int Problems, int Completed, int Ongoing, int Open)
{
    public decimal CompletionRate => Problems == 0 ? 0 : Math.Round(100m * (Completed + Ongoing) / Problems, 1);
}

public sealed record LedgerResult(IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals);

/// <summary>
/// 整改台账: one row per task across rounds and units, as each role may see it; totals; export to .xlsx. Rows are
/// read in chunks (the ordered task ids first, then each chunk's details), so an export of any size streams
/// with flat memory.
/// </summary>
public sealed class LedgerService(XunchaDbContext db, DeadlineService deadlines, TimeProvider clock)
{
    private const int Chunk = 5000;

    public async Task<LedgerResult> QueryAsync(LedgerFilter f, CancellationToken ct = default)
    {
        var rows = new List<LedgerRow>();
        var totals = new TotalsCounter();
        await foreach (var r in RowsAsync(f, ct))
        {
            rows.Add(r);
            totals.Add(r);
        }
        return new LedgerResult(rows, totals.Result);
    }

    /// <summary>The ledger's rows in order, a chunk at a time.</summary>
    public async IAsyncEnumerable<LedgerRow> RowsAsync(LedgerFilter f, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewLedger);
        var ids = await Query(f).Select(x => x.TaskId).ToListAsync(ct);
        var today = clock.Today();
        var policies = new Dictionary<Guid, DeadlinePolicy>();
        var seq = 0;
        // fed-back problems with no task in the ledger yet, slotted in where their problem's tasks would stand
        var pending = new Queue<(SortKey Key, LedgerRow Row)>(await PendingAsync(f, today, ct));
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var rows = (await Query(f).Where(x => chunk.Contains(x.TaskId)).ToListAsync(ct)).ToDictionary(x => x.TaskId);
            var coUnits = (await (from c in db.TaskCoOrganizations join o in db.Organizations on c.OrganizationId equals o.Id
                                  where chunk.Contains(c.TaskId) orderby o.SortOrder select new { c.TaskId, o.Name }).ToListAsync(ct))
                .ToLookup(c => c.TaskId, c => c.Name);
            var milestones = (await db.TaskMilestones.AsNoTracking().Where(m => chunk.Contains(m.TaskId)).OrderBy(m => m.DueOn)
                    .Select(m => new { m.TaskId, m.DueOn, m.Description }).ToListAsync(ct))
                .ToLookup(m => m.TaskId);
            foreach (var id in chunk)
            {
                if (!rows.TryGetValue(id, out var x)) continue; // changed since the ids were read
                if (!policies.TryGetValue(x.CommitteeId, out var policy)) policies[x.CommitteeId] = policy = await deadlines.PolicyAsync(x.CommitteeId, ct);
                var stages = milestones[id].ToList();
                var due = Countdown.DueOf(x.Deadline, stages.Select(m => m.DueOn), today);
                var countdown = Countdown.For(due, today, policy.WarningDays, x.State == TaskState.Closed ? x.ClosedOn ?? today : null);
                if (f.OverdueOnly && countdown.Level != DueLevel.Overdue) continue;
                var key = new SortKey(x.Year, x.Ordinal, x.UnitOrder, x.ProblemSequence);
                while (pending.Count > 0 && pending.Peek().Key.CompareTo(key) < 0) yield return pending.Dequeue().Row with { Seq = ++seq };
                yield return new LedgerRow(++seq, x.TaskId, x.ProblemId, x.TargetId, x.OrganizationId, x.Round, x.Unit, x.Number, x.Title, x.Category,
                    x.Goal, x.Measures, x.Leader, x.Lead, string.Join("、", coUnits[id]), x.Deadline, x.Kind, x.State, x.Result, x.ClosedOn, countdown,
                    Milestones.Format(stages.Select(m => (m.DueOn, m.Description))));
            }
        }
        while (pending.Count > 0) yield return pending.Dequeue().Row with { Seq = ++seq };
    }

    /// <summary>The ledger's order: newest round first, then the unit's place in the tree, then the problem's number.</summary>
    private readonly record struct SortKey(int Year, int Ordinal, int UnitOrder, int? ProblemSequence) : IComparable<SortKey>
    {
        public int CompareTo(SortKey o) =>
            o.Year != Year ? o.Year.CompareTo(Year) : o.Ordinal != Ordinal ? o.Ordinal.CompareTo(Ordinal)
            : UnitOrder != o.UnitOrder ? UnitOrder.CompareTo(o.UnitOrder) : (ProblemSequence ?? int.MaxValue).CompareTo(o.ProblemSequence ?? int.MaxValue);
    }

    /// <summary>
    /// Fed-back problems that have no task in the ledger yet (no plan, or one not approved): each is a row, due when
    /// the plan is due. Task filters (kind, state) leave them out; the overdue filter keeps those whose plan is late.
    /// </summary>
    private async Task<List<(SortKey, LedgerRow)>> PendingAsync(LedgerFilter f, DateOnly today, CancellationToken ct)
    {
        if (f.Kind is not null || f.State is not null) return [];
        var inLedger = db.Tasks.Where(t => t.State == TaskState.InProgress || t.State == TaskState.ClosureRequested || t.State == TaskState.Closed);
        var q = from p in db.Problems.VisibleTo(db).AsNoTracking()
                where p.Status == Problems.ProblemStatus.Approved && !inLedger.Any(t => t.ProblemId == p.Id)
                join tg in db.RoundTargets on p.TargetId equals tg.Id
                where tg.FeedbackDate != null
                select new { p, tg };
        if (f.RoundId is { } rid) q = q.Where(x => x.tg.RoundId == rid);
        if (f.OrganizationId is { } oid) q = q.Where(x => x.tg.OrganizationId == oid);
        if (f.CategoryId is { } cid) q = q.Where(x => x.p.CategoryId == cid);
        if (!string.IsNullOrWhiteSpace(f.Search)) q = q.Where(x => x.p.Title.Contains(f.Search.Trim()));
        var rows = await (from x in q
                          join c in db.Categories on x.p.CategoryId equals c.Id
                          join o in db.Organizations on x.tg.OrganizationId equals o.Id
                          join r in db.Rounds on x.tg.RoundId equals r.Id
                          join pl in db.Plans on x.tg.Id equals pl.TargetId into pls
                          from pl in pls.DefaultIfEmpty()
                          orderby r.Year descending, r.Ordinal descending, o.SortOrder, x.p.Sequence
                          select new
                          {
                              x.p.Id, TargetId = x.tg.Id, x.tg.OrganizationId, x.tg.FeedbackDate, r.CommitteeId, Round = r.Name, r.Year, r.Ordinal, Unit = o.Name,
                              UnitOrder = o.SortOrder, x.p.Number, x.p.Title, x.p.Sequence, Category = c.Name, Plan = (PlanStatus?)pl.Status,
                          }).ToListAsync(ct);
        var result = new List<(SortKey, LedgerRow)>();
        foreach (var x in rows)
        {
            var due = await deadlines.ForFeedbackAsync(x.CommitteeId, x.FeedbackDate!.Value, ct);
            var policy = await deadlines.PolicyAsync(x.CommitteeId, ct);
            var planIn = x.Plan is PlanStatus.Submitted or PlanStatus.Approved;
            var countdown = planIn ? null : Countdown.For(due.PlanDue, today, policy.WarningDays, null);
            if (f.OverdueOnly && countdown?.Level != DueLevel.Overdue) continue;
            result.Add((new SortKey(x.Year, x.Ordinal, x.UnitOrder, x.Sequence), new LedgerRow(0, null, x.Id, x.TargetId, x.OrganizationId, x.Round, x.Unit,
                x.Number, x.Title, x.Category, "", "", "", "", "", null, null, null, null, null, countdown, "", LedgerRow.StageOf(x.Plan))));
        }
        return result;
    }

    // the columns a row needs, by member initialisation (not a constructor) so that EF can filter and order on them
    private sealed class Joined
    {
        public Guid TaskId { get; init; }
        public Guid ProblemId { get; init; }
        public Guid TargetId { get; init; }
        public Guid OrganizationId { get; init; }
        public Guid CommitteeId { get; init; }
        public required string Round { get; init; }
        public int Year { get; init; }
        public int Ordinal { get; init; }
        public required string Unit { get; init; }
        public int UnitOrder { get; init; }
        public string? Number { get; init; }
        public required string Title { get; init; }
        public int? ProblemSequence { get; init; }
        public required string Category { get; init; }
        public required string Goal { get; init; }
        public required string Measures { get; init; }
        public required string Leader { get; init; }
        public required string Lead { get; init; }
        public DateOnly? Deadline { get; init; }
        public TaskKind Kind { get; init; }
        public TaskState State { get; init; }
        public ClosureResult? Result { get; init; }
        public DateOnly? ClosedOn { get; init; }
        public int TaskSequence { get; init; }
    }

    private IQueryable<Joined> Query(LedgerFilter f)
    {
        var q = from t in db.Tasks.VisibleTo(db).AsNoTracking()
                where t.State == TaskState.InProgress || t.State == TaskState.ClosureRequested || t.State == TaskState.Closed
                join p in db.Problems on t.ProblemId equals p.Id
                join pl in db.Plans on t.PlanId equals pl.Id
                join tg in db.RoundTargets on pl.TargetId equals tg.Id
                select new { t, p, tg };
        if (f.RoundId is { } rid) q = q.Where(x => x.tg.RoundId == rid);
        if (f.OrganizationId is { } oid) q = q.Where(x => x.tg.OrganizationId == oid);
        if (f.CategoryId is { } cid) q = q.Where(x => x.p.CategoryId == cid);
        if (f.Kind is { } k) q = q.Where(x => x.t.Kind == k);
        if (f.State is { } s) q = q.Where(x => x.t.State == s);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim();
            q = q.Where(x => x.p.Title.Contains(term) || x.t.Goal.Contains(term) || x.t.Measures.Contains(term) || x.t.ResponsibleLeader.Contains(term));
        }
        return from x in q
               join c in db.Categories on x.p.CategoryId equals c.Id
               join o in db.Organizations on x.tg.OrganizationId equals o.Id
               join r in db.Rounds on x.tg.RoundId equals r.Id
               join lead in db.Organizations on x.t.LeadOrganizationId equals lead.Id
               orderby r.Year descending, r.Ordinal descending, o.SortOrder, x.p.Sequence, x.t.Sequence, x.t.Id
               select new Joined
               {
                   TaskId = x.t.Id, ProblemId = x.p.Id, TargetId = x.tg.Id, OrganizationId = x.tg.OrganizationId, CommitteeId = r.CommitteeId, Round = r.Name,
                   Year = r.Year, Ordinal = r.Ordinal, Unit = o.Name, UnitOrder = o.SortOrder, Number = x.p.Number, Title = x.p.Title,
                   ProblemSequence = x.p.Sequence, Category = c.Name, Goal = x.t.Goal, Measures = x.t.Measures, Leader = x.t.ResponsibleLeader,
                   Lead = lead.Name, Deadline = x.t.Deadline, Kind = x.t.Kind, State = x.t.State, Result = x.t.ClosureResult, ClosedOn = x.t.ClosedOn,
                   TaskSequence = x.t.Sequence,
               };
    }

    /// <summary>The columns of the ledger workbook; the plan import reads the same headers back.</summary>
    public static IReadOnlyList<XlsxColumn> Columns { get; } =
    [
        new(Messages.Ledger_Seq, 6), new(Messages.Ledger_Problem, 40, Wrap: true), new(Messages.Ledger_Goal, 30, Wrap: true),
        new(Messages.Ledger_Measures, 50, Wrap: true), new(Messages.Ledger_Leader, 10), new(Messages.Ledger_LeadUnit, 20, Wrap: true),
        new(Messages.Ledger_CoUnits, 20, Wrap: true), new(Messages.Ledger_Deadline, 12), new(Messages.Ledger_Kind, 10),
        new(Messages.Ledger_Milestones, 36, Wrap: true), new(Messages.Ledger_Status, 16, Wrap: true), new(Messages.Ledger_ClosedOn, 12),
        new(Messages.Ledger_Unit, 20, Wrap: true), new(Messages.Ledger_Category, 20, Wrap: true), new(Messages.Ledger_Round, 24, Wrap: true),
    ];

    public async Task<(int Rows, LedgerTotals Totals)> ExportAsync(LedgerFilter f, Stream output, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewLedger);
        var trace = ExportTrace.Now(OrganizationExport.Who(db.Actor), clock);
        var totals = new TotalsCounter();
        var count = 0;
        using (var x = new XlsxWriter(output, Messages.Export_LedgerSheet, Messages.Export_LedgerTitle, Columns, trace))
        {
            await foreach (var r in RowsAsync(f, ct))
            {
                x.WriteRow(r.Seq, r.Problem, r.Goal, r.Measures, r.Leader, r.LeadUnit, r.CoUnits, (object?)r.Deadline ?? r.DeadlineText,
                    r.Kind is { } k ? Labels.Of(k) : null, r.Milestones, r.StatusText, r.ClosedOn, r.Unit, r.Category, r.Round);
                totals.Add(r);
                count++;
            }
            var t = totals.Result;
            x.WriteRow(null, string.Format(Messages.Ledger_TotalsLine, t.Problems, t.Completed, t.Ongoing, t.Open, t.CompletionRate));
        }
        await db.RecordNowAsync(AuditAction.Export, "ledger", null, detail: new { rows = count, filter = f }, ct: ct);
        return (count, totals.Result);
    }

    /// <summary>Counts by problem as rows go by: a problem is done when all its tasks are closed.</summary>
    private sealed class TotalsCounter
    {
        private readonly Dictionary<Guid, (bool AllClosed, bool AllCompleted, bool AnyOngoing)> _problems = [];

        public void Add(LedgerRow r)
        {
            var (closed, completed, ongoing) = _problems.GetValueOrDefault(r.ProblemId, (true, true, false));
            var isClosed = r.State == TaskState.Closed;
            _problems[r.ProblemId] = (closed && isClosed, completed && isClosed && r.Result == ClosureResult.Completed,
                ongoing || r.Result == ClosureResult.Ongoing);
        }

        public LedgerTotals Result
        {
            get
            {
                var completed = _problems.Values.Count(p => p.AllCompleted);
                var ongoing = _problems.Values.Count(p => p.AllClosed && p.AnyOngoing);
                return new LedgerTotals(_problems.Count, completed, ongoing, _problems.Count - completed - ongoing);
            }
        }
    }
}
