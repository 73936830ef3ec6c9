using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;
using Xuncha.Rounds;
using Xuncha.Spreadsheets;

namespace Xuncha.Problems;

/// <summary>
/// A round's problem list (问题清单) as .xlsx: number, unit, group, category, title, manifestation, basis,
/// responsibility, status, immediate fix, rectification — the problems the actor may see, written row by row.
/// </summary>
public sealed class ProblemExport(XunchaDbContext db, ProblemQueries queries, TimeProvider clock)
{
    public async Task<(string FileName, int Rows)> ExportAsync(ProblemFilter filter, Stream output, CancellationToken ct = default)
    {
        var rows = await queries.ListAsync(filter, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var details = new Dictionary<Guid, (string Manifestation, string? Basis, string? Responsibility)>();
        foreach (var chunk in ids.Chunk(2000))
            foreach (var d in await db.Problems.AsNoTracking().Where(p => chunk.Contains(p.Id))
                         .Select(p => new { p.Id, p.Manifestation, p.Basis, p.Responsibility }).ToListAsync(ct))
                details[d.Id] = (d.Manifestation, d.Basis, d.Responsibility);
        var round = filter.RoundId is { } rid ? await db.Rounds.VisibleTo(db).Where(r => r.Id == rid).Select(r => r.Name).SingleOrDefaultAsync(ct) : null;
        var title = round is null ? Messages.Export_ProblemsTitle : string.Format(Messages.Export_RoundProblemsTitle, round);
        var trace = ExportTrace.Now(OrganizationExport.Who(db.Actor), clock);
        using (var x = new XlsxWriter(output, Messages.Export_ProblemsSheet, title,
                   [
                       new(Messages.Ledger_Seq, 6), new(Messages.ProblemList_Number, 22), new(Messages.Ledger_Unit, 22, Wrap: true), new(Messages.ProblemList_Group, 12),
                       new(Messages.Ledger_Category, 20, Wrap: true), new(Messages.ProblemList_Title, 36, Wrap: true), new(Messages.ProblemList_Manifestation, 60, Wrap: true),
                       new(Messages.ProblemList_Basis, 30, Wrap: true), new(Messages.ProblemList_Responsibility, 24, Wrap: true), new(Messages.ProblemList_Status, 10),
                       new(Messages.ProblemList_ImmediateFix, 10), new(Messages.ProblemList_Rectification, 14), new(Messages.Ledger_Round, 24, Wrap: true),
                   ], trace))
        {
            var seq = 0;
            foreach (var r in rows)
            {
                var d = details.GetValueOrDefault(r.Id);
                x.WriteRow(++seq, r.Number, r.Target, r.Group, r.Category, r.Title, d.Manifestation, d.Basis, d.Responsibility, r.StatusName,
                    r.ImmediateFix ? "是" : "", r.Tasks == 0 ? "" : string.Format(Messages.Export_ProblemTasks, r.TasksClosed, r.Tasks), r.RoundName);
            }
        }
        await db.RecordNowAsync(AuditAction.Export, "problems", filter.RoundId?.ToString(), detail: new { rows = rows.Count, filter }, ct: ct);
        return (Documents.DocumentService.FileName(title).Replace(".docx", ".xlsx"), rows.Count);
    }
}
