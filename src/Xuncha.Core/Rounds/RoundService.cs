using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Notifications;
using Xuncha.Organizations;
using Xuncha.Problems;

namespace Xuncha.Rounds;

/// <summary>Plans a round and moves it through approval and fieldwork. Later stages advance it by themselves.</summary>
public sealed class RoundService(XunchaDbContext db, NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<RoundDefaults> DefaultsAsync(CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var committee = await TopCommitteeAsync(ct);
        var today = clock.Today();
        var term = await db.Terms.AsNoTracking().Where(t => t.CommitteeId == committee.Id && t.StartDate <= today && t.EndDate >= today).FirstOrDefaultAsync(ct);
        var ordinal = (await db.Rounds.Where(r => r.CommitteeId == committee.Id && r.Year == today.Year).MaxAsync(r => (int?)r.Ordinal, ct) ?? 0) + 1;
        var inTerm = term is null ? 0 : await db.Rounds.CountAsync(r => r.TermId == term.Id, ct);
        var name = term is null ? string.Format(Messages.Round_DefaultNameYear, today.Year, ordinal)
                                : string.Format(Messages.Round_DefaultNameTerm, term.Name, Numerals.Chinese(inTerm + 1));
        var taxonomy = await db.Taxonomies.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Code).ThenByDescending(t => t.VersionNumber)
            .Select(t => t.Id).FirstAsync(ct);
        return new RoundDefaults(committee.Id, committee.Name, term?.Id, term?.Name, today.Year, ordinal, name, taxonomy);
    }

    /// <summary>The top committee (for settings pages that anyone reading rounds may open).</summary>
    public async Task<(Guid Id, string Name)> DefaultsForViewAsync(CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewRounds);
        var c = await TopCommitteeAsync(ct);
        return (c.Id, c.Name);
    }

    private async Task<Organization> TopCommitteeAsync(CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Committee && o.ParentId == null && o.IsActive)
            .OrderBy(o => o.SortOrder).FirstOrDefaultAsync(ct) ?? throw new DomainException(Messages.Round_NoCommittee);

    public async Task<Guid> CreateAsync(RoundInput input, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var v = await ValidateAsync(input, null, ct);
        var round = Round.Plan(Guid.CreateVersion7(clock.GetUtcNow()), v.Committee, v.Term, v.Year, v.Ordinal, v.Name, v.Type,
            v.Theme, v.Focus, v.Start, v.End, v.Taxonomy, clock.GetUtcNow());
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round.Id;
    }

    public async Task UpdateAsync(Guid id, RoundInput input, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var round = await db.ForUpdateAsync(db.Rounds, r => r.Id == id, version, ct);
        round.EnsureDraft();
        var v = await ValidateAsync(input with { CommitteeId = round.CommitteeId }, id, ct);
        round.Edit(v.Term, v.Year, v.Ordinal, v.Name, v.Type, v.Theme, v.Focus, v.Start, v.End, v.Taxonomy);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Replaces the round's targets. Targets are organisations under the round's committee, active, each once.</summary>
    public async Task SetTargetsAsync(Guid id, IReadOnlyList<Guid> organizationIds, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var round = await db.ForUpdateAsync(db.Rounds, r => r.Id == id, version, ct);
        round.EnsureDraft();
        if (organizationIds.Count != organizationIds.Distinct().Count()) throw new ValidationException("targets", Messages.Round_DuplicateTarget);
        var committeePath = await db.Organizations.Where(o => o.Id == round.CommitteeId).Select(o => o.Path).SingleAsync(ct);
        var orgs = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToListAsync(ct);
        var v = new Validator();
        foreach (var missing in organizationIds.Except(orgs.Select(o => o.Id))) v.Add("targets", Messages.Round_NoSuchTarget);
        foreach (var o in orgs.Where(o => !o.IsActive)) v.Add("targets", string.Format(Messages.Round_TargetInactive, o.Name));
        foreach (var o in orgs.Where(o => o.Id == round.CommitteeId || !o.Path.StartsWith(committeePath, StringComparison.Ordinal)))
            v.Add("targets", string.Format(Messages.Round_TargetNotUnderCommittee, o.Name));
        v.ThrowIfInvalid();

        var current = await db.RoundTargets.Where(t => t.RoundId == id).ToListAsync(ct);
        db.RoundTargets.RemoveRange(current.Where(t => !organizationIds.Contains(t.OrganizationId)));
        foreach (var orgId in organizationIds.Where(o => current.All(t => t.OrganizationId != o)))
            db.RoundTargets.Add(RoundTarget.Create(Guid.CreateVersion7(clock.GetUtcNow()), id, orgId));
        db.Entry(round).State = EntityState.Modified; // the round's version moves with its targets
        await db.SaveChangesAsync(ct);
    }

    /// <summary>To the leading group, once every target has a group and every group a leader.</summary>
    public async Task SubmitAsync(Guid id, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var round = await db.ForUpdateAsync(db.Rounds, r => r.Id == id, version, ct);
        var targets = await db.RoundTargets.Where(t => t.RoundId == id).ToListAsync(ct);
        var groups = await db.Groups.Where(g => g.RoundId == id).ToListAsync(ct);
        var leaders = await db.GroupMembers.Where(m => m.Role == GroupRole.Leader && groups.Select(g => g.Id).Contains(m.GroupId)).Select(m => m.GroupId).ToListAsync(ct);
        var v = new Validator();
        if (targets.Count == 0) v.Add("targets", Messages.Round_NeedsTargets);
        if (groups.Count == 0) v.Add("groups", Messages.Round_NeedsGroups);
        if (targets.Any(t => t.GroupId is null)) v.Add("targets", Messages.Round_TargetWithoutGroup);
        foreach (var g in groups.Where(g => !leaders.Contains(g.Id))) v.Add("groups", string.Format(Messages.Round_GroupWithoutLeader, g.Name));
        foreach (var g in groups.Where(g => targets.All(t => t.GroupId != g.Id))) v.Add("groups", string.Format(Messages.Round_GroupWithoutTargets, g.Name));
        v.ThrowIfInvalid();
        round.Submit(clock.GetUtcNow());
        await notifications.NotifyRoleAsync(Role.LeadingGroup, NotificationKind.Waiting,
            string.Format(Messages.Notice_RoundWaiting, round.Name), $"/rounds/{id}", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ApproveAsync(Guid id, string? comment, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ApproveRounds);
        var round = await db.ForUpdateAsync(db.Rounds.VisibleTo(db), r => r.Id == id, version, ct);
        round.Approve(Actor.UserId ?? Guid.Empty, Clean(comment), clock.GetUtcNow());
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.System, string.Format(Messages.Notice_RoundApproved, round.Name), $"/rounds/{id}", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Guid id, string? comment, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ApproveRounds);
        var round = await db.ForUpdateAsync(db.Rounds.VisibleTo(db), r => r.Id == id, version, ct);
        round.Return(Clean(comment) ?? "");
        await notifications.NotifyRoleAsync(Role.Office, NotificationKind.Returned,
            string.Format(Messages.Notice_RoundReturned, round.Name, round.ReviewComment), $"/rounds/{id}", ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task StartFieldworkAsync(Guid id, DateOnly? on, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var round = await db.ForUpdateAsync(db.Rounds, r => r.Id == id, version, ct);
        round.StartFieldwork(on ?? clock.Today());
        await db.SaveChangesAsync(ct);
    }

    public async Task EndFieldworkAsync(Guid id, DateOnly? on, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRounds);
        var round = await db.ForUpdateAsync(db.Rounds, r => r.Id == id, version, ct);
        round.EndFieldwork(on ?? clock.Today());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Moves the round on when a stage is done for every target: all fed back → 已反馈; all plans approved →
    /// 整改中; all rectification reports evaluated → 已完成. Called by the services that finish those stages.
    /// </summary>
    internal async Task AdvanceAsync(Guid roundId, CancellationToken ct)
    {
        var round = await db.Rounds.SingleAsync(r => r.Id == roundId, ct);
        var targets = await db.RoundTargets.Where(t => t.RoundId == roundId).Select(t => new { t.Id, t.FeedbackDate }).ToListAsync(ct);
        var ids = targets.Select(t => t.Id).ToList();
        if (round.Status == RoundStatus.Reporting && targets.All(t => t.FeedbackDate != null)) round.MarkFedBack();
        if (round.Status == RoundStatus.FedBack
            && await db.Plans.CountAsync(p => ids.Contains(p.TargetId) && p.Status == Rectification.PlanStatus.Approved, ct) == ids.Count)
            round.StartRectification();
        if (round.Status == RoundStatus.Rectifying
            && await db.RectificationReports.CountAsync(r => ids.Contains(r.TargetId) && r.Status == Rectification.RectificationReportStatus.Evaluated, ct) == ids.Count)
            round.Complete(clock.GetUtcNow());
    }

    private sealed record Valid(Guid Committee, Guid? Term, int Year, int Ordinal, string Name, RoundType Type, string? Theme, string? Focus,
        DateOnly Start, DateOnly End, Guid Taxonomy);

    private async Task<Valid> ValidateAsync(RoundInput input, Guid? self, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Line("name", input.Name, Round.NameMax, required: true);
        var theme = v.Text("theme", input.Theme, Round.ThemeMax, required: false);
        var focus = v.Text("focusPoints", input.FocusPoints, Round.TextMax, required: false);
        if (input.Type is null || !Enum.IsDefined(input.Type.Value)) v.Add("type", Messages.Error_Required);
        if (input.PlannedStart is null) v.Add("plannedStart", Messages.Error_Required);
        if (input.PlannedEnd is null) v.Add("plannedEnd", Messages.Error_Required);
        if (input.PlannedStart is { } s && input.PlannedEnd is { } e && e < s) v.Add("plannedEnd", Messages.Round_EndBeforeStartPlanned);
        if (input.Year is not (>= 2000 and <= 2100)) v.Add("year", string.Format(Messages.Error_Range, 2000, 2100));
        if (input.Ordinal is not (>= 1 and <= 99)) v.Add("ordinal", string.Format(Messages.Error_Range, 1, 99));
        var committee = input.CommitteeId is null ? null
            : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == input.CommitteeId && o.Type == OrganizationType.Committee, ct);
        if (committee is null) v.Add("committeeId", Messages.Term_NoSuchCommittee);
        if (input.TermId is { } termId && !await db.Terms.AnyAsync(t => t.Id == termId && t.CommitteeId == input.CommitteeId, ct))
            v.Add("termId", Messages.Round_NoSuchTerm);
        if (input.TaxonomyId is null || !await db.Taxonomies.AnyAsync(t => t.Id == input.TaxonomyId && t.IsActive, ct))
            v.Add("taxonomyId", Messages.Round_NoSuchTaxonomy);
        if (v.IsValid && await db.Rounds.AnyAsync(r => r.CommitteeId == committee!.Id && r.Year == input.Year && r.Ordinal == input.Ordinal && r.Id != self, ct))
            v.Add("ordinal", string.Format(Messages.Round_OrdinalTaken, input.Year, input.Ordinal));
        v.ThrowIfInvalid();
        return new Valid(committee!.Id, input.TermId, input.Year!.Value, input.Ordinal!.Value, name!, input.Type!.Value, theme, focus,
            input.PlannedStart!.Value, input.PlannedEnd!.Value, input.TaxonomyId!.Value);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
