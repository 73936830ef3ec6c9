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

public sealed record LedgerRow(
    int Seq, Guid TaskId, Guid ProblemId, Guid TargetId, Guid OrganizationId, string Round, string Unit, string? ProblemNumber, string ProblemTitle, string Category,
    string Goal, string Measures, string Leader, string LeadUnit, string CoUnits, DateOnly? Deadline, TaskKind Kind, TaskState State,
    ClosureResult? Result, DateOnly? ClosedOn, Countdown? Due)
{
    public string Problem => ProblemNumber is null ? ProblemTitle : $"{ProblemNumber} {ProblemTitle}";
    public string DeadlineText => Deadline?.ToString("yyyy-MM-dd") ?? Messages.TaskKind_LongTerm;
    public string StatusText => State == TaskState.Closed && Result is { } r ? Labels.Of(r)
        : Due?.Level == DueLevel.Overdue ? $"{Labels.Of(State)}（{Due.Text}）" : Labels.Of(State);
}

/// <summary>The ledger's totals, counted by problem: a problem is 已完成 when all its tasks are closed as done,
/// 基本完成持续整改 when all are closed and some are long-term tasks kept up, otherwise 未完成.</summary>
public sealed record LedgerTotals(int Problems, int Completed, int Ongoing, int Open)
{
    public decimal CompletionRate => Problems == 0 ? 0 : Math.Round(100m * (Completed + Ongoing) / Problems, 1);
}

public sealed record LedgerResult(IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals);

/// <summary>整改台账: one row per task across rounds and units, as each role may see it; totals; export to .xlsx.</summary>
public sealed class LedgerService(XunchaDbContext db, DeadlineService deadlines, TimeProvider clock)
{
    public async Task<LedgerResult> QueryAsync(LedgerFilter f, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewLedger);
        var q = from t in db.Tasks.VisibleTo(db).AsNoTracking()
                where t.State == TaskState.InProgress || t.State == TaskState.ClosureRequested || t.State == TaskState.Closed
                join p in db.Problems on t.ProblemId equals p.Id
                join c in db.Categories on p.CategoryId equals c.Id
                join pl in db.Plans on t.PlanId equals pl.Id
                join tg in db.RoundTargets on pl.TargetId equals tg.Id
                join o in db.Organizations on tg.OrganizationId equals o.Id
                join r in db.Rounds on tg.RoundId equals r.Id
                join lead in db.Organizations on t.LeadOrganizationId equals lead.Id
                select new { t, p, Category = c.Name, tg, Unit = o.Name, UnitOrder = o.SortOrder, r, Lead = lead.Name };
        if (f.RoundId is { } rid) q = q.Where(x => x.r.Id == rid);
        if (f.OrganizationId is { } oid) q = q.Where(x => x.tg.OrganizationId == oid);
        if (f.CategoryId is { } cid) q = q.Where(x => x.p.CategoryId == cid);
        if (f.Kind is { } k) q = q.Where(x => x.t.Kind == k);
        if (f.State is { } s) q = q.Where(x => x.t.State == s);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim();
            q = q.Where(x => x.p.Title.Contains(term) || x.t.Goal.Contains(term) || x.t.Measures.Contains(term) || x.t.ResponsibleLeader.Contains(term));
        }
        var rows = await q.OrderByDescending(x => x.r.Year).ThenByDescending(x => x.r.Ordinal).ThenBy(x => x.UnitOrder).ThenBy(x => x.p.Sequence)
            .ThenBy(x => x.t.Sequence).ToListAsync(ct);

        var taskIds = rows.Select(x => x.t.Id).ToList();
        var coUnits = (await (from c in db.TaskCoOrganizations join o in db.Organizations on c.OrganizationId equals o.Id
                              where taskIds.Contains(c.TaskId) select new { c.TaskId, o.Name }).ToListAsync(ct))
            .ToLookup(c => c.TaskId, c => c.Name);
        var milestones = (await db.TaskMilestones.Where(m => taskIds.Contains(m.TaskId)).Select(m => new { m.TaskId, m.DueOn }).ToListAsync(ct))
            .ToLookup(m => m.TaskId, m => m.DueOn);
        var today = clock.Today();
        var result = new List<LedgerRow>();
        foreach (var x in rows)
        {
            var policy = await deadlines.PolicyAsync(x.r.CommitteeId, ct);
            var due = Countdown.DueOf(x.t.Deadline, milestones[x.t.Id], today);
            var countdown = Countdown.For(x.t.State == TaskState.Closed && x.t.ClosedOn is { } closed ? closed : due, today, policy.WarningDays, x.t.State == TaskState.Closed);
            if (f.OverdueOnly && countdown.Level != DueLevel.Overdue) continue;
            result.Add(new LedgerRow(result.Count + 1, x.t.Id, x.p.Id, x.tg.Id, x.tg.OrganizationId, x.r.Name, x.Unit, x.p.Number, x.p.Title, x.Category, x.t.Goal, x.t.Measures,
                x.t.ResponsibleLeader, x.Lead, string.Join("、", coUnits[x.t.Id]), x.t.Deadline, x.t.Kind, x.t.State, x.t.ClosureResult, x.t.ClosedOn, countdown));
        }
        return new LedgerResult(result, Totals(result));
    }

    public async Task<int> ExportAsync(LedgerFilter f, Stream output, CancellationToken ct = default)
    {
        var ledger = await QueryAsync(f, ct);
        var trace = new ExportTrace(OrganizationExport.Who(db.Actor), clock.GetUtcNow());
        using (var x = new XlsxWriter(output, Messages.Export_LedgerSheet, Messages.Export_LedgerTitle,
                   [
                       new(Messages.Ledger_Seq, 6), new(Messages.Ledger_Problem, 40, Wrap: true), new(Messages.Ledger_Goal, 30, Wrap: true),
                       new(Messages.Ledger_Measures, 50, Wrap: true), new(Messages.Ledger_Leader, 10), new(Messages.Ledger_LeadUnit, 20, Wrap: true),
                       new(Messages.Ledger_CoUnits, 20, Wrap: true), new(Messages.Ledger_Deadline, 12), new(Messages.Ledger_Status, 16, Wrap: true),
                       new(Messages.Ledger_ClosedOn, 12), new(Messages.Ledger_Unit, 20, Wrap: true), new(Messages.Ledger_Category, 20, Wrap: true),
                       new(Messages.Ledger_Kind, 10), new(Messages.Ledger_Round, 24, Wrap: true),
                   ], trace))
        {
            foreach (var r in ledger.Rows)
                x.WriteRow(r.Seq, r.Problem, r.Goal, r.Measures, r.Leader, r.LeadUnit, r.CoUnits, (object?)r.Deadline ?? Messages.TaskKind_LongTerm,
                    r.StatusText, r.ClosedOn, r.Unit, r.Category, Labels.Of(r.Kind), r.Round);
            var t = ledger.Totals;
            x.WriteRow(null, string.Format(Messages.Ledger_TotalsLine, t.Problems, t.Completed, t.Ongoing, t.Open, t.CompletionRate));
        }
        await db.RecordNowAsync(AuditAction.Export, "ledger", null, detail: new { rows = ledger.Rows.Count, filter = f }, ct: ct);
        return ledger.Rows.Count;
    }

    private static LedgerTotals Totals(IReadOnlyList<LedgerRow> rows)
    {
        var byProblem = rows.GroupBy(r => r.ProblemId).ToList();
        var completed = byProblem.Count(g => g.All(r => r.State == TaskState.Closed && r.Result == ClosureResult.Completed));
        var ongoing = byProblem.Count(g => g.All(r => r.State == TaskState.Closed) && g.Any(r => r.Result == ClosureResult.Ongoing));
        return new LedgerTotals(byProblem.Count, completed, ongoing, byProblem.Count - completed - ongoing);
    }
}
