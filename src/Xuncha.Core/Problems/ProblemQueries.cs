using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.Problems;

/// <summary>Problems as each role may see them (one scope filter), in the order of their numbers.</summary>
public sealed class ProblemQueries(XunchaDbContext db, FileStore files)
{
    public async Task<IReadOnlyList<ProblemRow>> ListAsync(ProblemFilter f, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var q = db.Problems.VisibleTo(db).AsNoTracking();
        if (f.RoundId is { } r) q = q.Where(p => p.RoundId == r);
        if (f.TargetId is { } t) q = q.Where(p => p.TargetId == t);
        if (f.GroupId is { } g) q = q.Where(p => p.GroupId == g);
        if (f.Status is { } s) q = q.Where(p => p.Status == s);
        if (f.CategoryId is { } c) q = q.Where(p => p.CategoryId == c);
        if (f.MineOnly) q = q.Where(p => p.AuthorId == db.Actor.UserId);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim();
            q = q.Where(p => p.Title.Contains(term) || p.Manifestation.Contains(term) || (p.Number != null && p.Number.Contains(term)));
        }
        return await Rows(q).ToListAsync(ct);
    }

    public async Task<ProblemDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewRounds);
        var problem = await db.Problems.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        var row = await Rows(db.Problems.Where(p => p.Id == id)).SingleAsync(ct);
        var fedBack = await db.RoundTargets.AnyAsync(t => t.Id == problem.TargetId && t.FeedbackDate != null, ct);
        var inspector = await db.Problems.VisibleTo(db, asUnit: false).AnyAsync(p => p.Id == id, ct);
        var attached = inspector ? await files.ListAsync(FileOwner.Problem, [id], ct) : [];
        var me = db.Actor.UserId;
        var isLeader = await db.GroupMembers.AnyAsync(m => m.GroupId == problem.GroupId && m.UserId == me && m.Role == GroupRole.Leader, ct);
        var canEdit = problem.IsEditable && db.Actor.Can(Permission.DraftProblems) && (problem.AuthorId == me || isLeader);
        var canReview = problem.Status == ProblemStatus.Submitted && isLeader && db.Actor.Can(Permission.ReviewProblems);
        return new ProblemDetail(row, problem.Manifestation, problem.Basis, problem.Responsibility, problem.ImmediateFixNote,
            problem.ReturnReason, problem.AuthorId, fedBack, attached, canEdit, canReview);
    }

    private IQueryable<ProblemRow> Rows(IQueryable<Problem> q) =>
        from p in q
        join r in db.Rounds on p.RoundId equals r.Id
        join t in db.RoundTargets on p.TargetId equals t.Id
        join o in db.Organizations on t.OrganizationId equals o.Id
        join g in db.Groups on p.GroupId equals g.Id
        join c in db.Categories on p.CategoryId equals c.Id
        join u in db.Users on p.AuthorId equals u.Id
        orderby r.Year descending, r.Ordinal descending, g.Number, p.Sequence == null, p.Sequence, p.CreatedAt
        select new ProblemRow(p.Id, r.Id, r.Name, p.Number, p.Sequence, p.Title, p.Status, c.Id, c.Name, t.Id, o.Name, g.Id, g.Name,
            u.DisplayName, p.IsImmediateFix, p.CreatedAt,
            db.Tasks.Count(x => x.ProblemId == p.Id && x.State != TaskState.Proposed && x.State != TaskState.Planned),
            db.Tasks.Count(x => x.ProblemId == p.Id && x.State == TaskState.Closed), p.Version);
}
