using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Notifications;
using Xuncha.Rounds;

namespace Xuncha.Problems;

/// <summary>
/// Fieldwork problems: group members draft and submit them, the group leader approves (numbering them) or
/// returns them. Only during fieldwork and reporting, and only for the group's own targets.
/// </summary>
public sealed class ProblemService(XunchaDbContext db, FileStore files, NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<Guid> CreateAsync(ProblemInput input, IReadOnlyList<Upload>? uploads = null, CancellationToken ct = default)
    {
        Actor.Demand(Permission.DraftProblems);
        var target = input.TargetId is { } tid ? await db.RoundTargets.VisibleTo(db).SingleOrDefaultAsync(t => t.Id == tid, ct) : null;
        if (target?.GroupId is null) throw new ValidationException("targetId", Messages.Problem_NoSuchTarget);
        await RequireMemberAsync(target.GroupId.Value, leaderOnly: false, ct);
        var round = await db.Rounds.SingleAsync(r => r.Id == target.RoundId, ct);
        EnsureFieldwork(round);
        await EnsureNotFedBackAsync(target.Id, ct);
        var problem = Problem.Draft(Guid.CreateVersion7(clock.GetUtcNow()), round.Id, target.GroupId.Value, target.Id, Actor.UserId!.Value, clock.GetUtcNow());
        await ApplyAsync(problem, input, round.TaxonomyId, ct);
        db.Problems.Add(problem);
        await SaveWithFilesAsync(problem.Id, uploads, ct);
        return problem.Id;
    }

    public async Task UpdateAsync(Guid id, ProblemInput input, uint? version, IReadOnlyList<Upload>? uploads = null, CancellationToken ct = default)
    {
        var (problem, round) = await ForChangeAsync(id, version, ct);
        await ApplyAsync(problem, input, round.TaxonomyId, ct);
        await SaveWithFilesAsync(problem.Id, uploads, ct);
    }

    public async Task SubmitAsync(Guid id, uint? version, CancellationToken ct = default)
    {
        var (problem, _) = await ForChangeAsync(id, version, ct);
        problem.Submit();
        foreach (var leader in await LeadersAsync(problem.GroupId, ct))
            notifications.Notify(leader, NotificationKind.Waiting, string.Format(Messages.Notice_ProblemWaiting, problem.Title), $"/problems/{id}");
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Guid id, uint? version, CancellationToken ct = default)
    {
        var (problem, _) = await ForChangeAsync(id, version, ct);
        problem.EnsureDeletable();
        var attached = await db.Files.Where(f => f.OwnerType == FileOwner.Problem && f.OwnerId == id).ToListAsync(ct);
        db.Files.RemoveRange(attached);
        db.Problems.Remove(problem);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The group leader confirms the problem; it takes the next number of the group.</summary>
    public async Task ApproveAsync(Guid id, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewProblems);
        await db.InTransactionAsync(async () =>
        {
            var problem = await db.ForUpdateAsync(db.Problems.VisibleTo(db), p => p.Id == id, version, ct);
            await RequireMemberAsync(problem.GroupId, leaderOnly: true, ct);
            var round = await db.Rounds.SingleAsync(r => r.Id == problem.RoundId, ct);
            EnsureFieldwork(round);
            await EnsureNotFedBackAsync(problem.TargetId, ct);
            await db.LockAsync("problem-numbers:" + problem.GroupId, ct);
            var next = (await db.Problems.Where(p => p.GroupId == problem.GroupId).MaxAsync(p => p.Sequence, ct) ?? 0) + 1;
            var groupNumber = await db.Groups.Where(g => g.Id == problem.GroupId).Select(g => g.Number).SingleAsync(ct);
            problem.Approve(Actor.UserId!.Value, next, round.NumberPrefix, groupNumber, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    public async Task ReturnAsync(Guid id, string? reason, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ReviewProblems);
        var problem = await db.ForUpdateAsync(db.Problems.VisibleTo(db), p => p.Id == id, version, ct);
        await RequireMemberAsync(problem.GroupId, leaderOnly: true, ct);
        var v = new Validator();
        var clean = v.Text("reason", reason, Problem.NoteMax, required: true);
        v.ThrowIfInvalid();
        problem.Return(clean!);
        notifications.Notify(problem.AuthorId, NotificationKind.Returned, string.Format(Messages.Notice_ProblemReturned, problem.Title, clean), $"/problems/{id}");
        await db.SaveChangesAsync(ct);
    }

    public async Task AttachAsync(Guid id, IReadOnlyList<Upload> uploads, CancellationToken ct = default)
    {
        if (uploads.Count == 0) throw new ValidationException("files", Messages.File_Required);
        await ForChangeAsync(id, null, ct);
        await SaveWithFilesAsync(id, uploads, ct);
    }

    public async Task RemoveFileAsync(Guid problemId, Guid fileId, CancellationToken ct = default)
    {
        await ForChangeAsync(problemId, null, ct);
        var file = await db.Files.SingleOrDefaultAsync(f => f.Id == fileId && f.OwnerType == FileOwner.Problem && f.OwnerId == problemId, ct)
                   ?? throw new NotFoundException();
        db.Files.Remove(file);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Author or group leader, while the problem is a draft or returned, during fieldwork.</summary>
    private async Task<(Problem, Round)> ForChangeAsync(Guid id, uint? version, CancellationToken ct)
    {
        Actor.Demand(Permission.DraftProblems);
        var problem = await db.ForUpdateAsync(db.Problems.VisibleTo(db), p => p.Id == id, version, ct);
        var isLeader = await IsMemberAsync(problem.GroupId, leaderOnly: true, ct);
        if (problem.AuthorId != Actor.UserId && !isLeader) throw new ForbiddenException(Messages.Problem_OnlyAuthorOrLeader);
        if (!problem.IsEditable) throw new DomainException(string.Format(Messages.Problem_NotEditable, problem.Status.Label()));
        var round = await db.Rounds.SingleAsync(r => r.Id == problem.RoundId, ct);
        EnsureFieldwork(round);
        await EnsureNotFedBackAsync(problem.TargetId, ct);
        return (problem, round);
    }

    /// <summary>Once a unit has had its feedback, its list of problems is what it was told: no new or changed ones.</summary>
    private async Task EnsureNotFedBackAsync(Guid targetId, CancellationToken ct)
    {
        var fedBack = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.Id == targetId && t.FeedbackDate != null select o.Name).FirstOrDefaultAsync(ct);
        if (fedBack is not null) throw new DomainException(string.Format(Messages.Problem_TargetFedBack, fedBack));
    }

    private async Task ApplyAsync(Problem problem, ProblemInput input, Guid taxonomyId, CancellationToken ct)
    {
        var v = new Validator();
        var title = v.Line("title", input.Title, Problem.TitleMax, required: true);
        var manifestation = v.Text("manifestation", input.Manifestation, Problem.TextMax, required: true);
        var basis = v.Text("basis", input.Basis, Problem.TextMax, required: false);
        var responsibility = v.Text("responsibility", input.Responsibility, Problem.TextMax, required: false);
        var note = v.Text("immediateFixNote", input.ImmediateFixNote, Problem.NoteMax, required: false);
        if (input.CategoryId is null || !await db.Categories.AnyAsync(c => c.Id == input.CategoryId && c.TaxonomyId == taxonomyId, ct))
            v.Add("categoryId", Messages.Problem_NoSuchCategory);
        v.ThrowIfInvalid();
        problem.Edit(title!, manifestation!, basis, responsibility, input.CategoryId!.Value, input.ImmediateFix, note);
    }

    private async Task SaveWithFilesAsync(Guid problemId, IReadOnlyList<Upload>? uploads, CancellationToken ct)
    {
        var added = uploads is { Count: > 0 } ? await files.AddAllAsync(FileOwner.Problem, problemId, uploads, ct) : [];
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Discard(added);
            throw;
        }
    }

    private static void EnsureFieldwork(Round round)
    {
        if (round.Status is not (RoundStatus.InField or RoundStatus.Reporting))
            throw new DomainException(string.Format(Messages.Problem_NotInFieldwork, round.Status.Label()));
    }

    private async Task RequireMemberAsync(Guid groupId, bool leaderOnly, CancellationToken ct)
    {
        if (!await IsMemberAsync(groupId, leaderOnly, ct))
            throw new ForbiddenException(leaderOnly ? Messages.Problem_OnlyLeader : Messages.Problem_OnlyGroup);
    }

    private Task<bool> IsMemberAsync(Guid groupId, bool leaderOnly, CancellationToken ct) => db.IsInGroupAsync(groupId, leaderOnly, ct);

    private Task<List<Guid>> LeadersAsync(Guid groupId, CancellationToken ct) =>
        db.GroupMembers.Where(m => m.GroupId == groupId && m.Role == GroupRole.Leader && m.UserId != null).Select(m => m.UserId!.Value).ToListAsync(ct);
}
