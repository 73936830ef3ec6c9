using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Organizations;

namespace Xuncha.Pool;

public sealed record MemberInput(
    string? Name, Guid? OrganizationId, string? Position, Guid? RankId, bool LeaderEligible, bool FullTime, string? Phone, string? Email,
    IReadOnlyList<Guid>? ProfessionIds, Guid? UserId = null);

public sealed record RelationInput(RelationKind? Kind, Guid? OrganizationId, DateOnly? FromDate, DateOnly? ToDate, string? PersonName, string? Relation, string? Note);

public sealed record TrainingInput(string? Course, TrainingKind? Kind, DateOnly? Date, decimal? Hours);

public sealed record RecommendationInput(string? Body, DateOnly? Date, string? Note);

/// <summary>
/// The talent pool's records. Entry: a person recommends themselves (自荐), a unit recommends someone of its
/// own (组织推荐), or the office enrols someone (研究确定); the office approves or rejects an application with
/// its reason. Exit with a reason; the yearly review confirms members for the year. A member declares and
/// updates their own avoidance relations; the office keeps everyone's. Every change is audited.
/// </summary>
public sealed partial class PoolService(XunchaDbContext db, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<Guid> CommitteeAsync(CancellationToken ct = default) =>
        await db.Organizations.Where(o => o.Type == OrganizationType.Committee && o.ParentId == null && o.IsActive)
            .OrderBy(o => o.SortOrder).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct) ?? throw new DomainException(Messages.Round_NoCommittee);

    /// <summary>The office enrols someone by its own decision: active at once.</summary>
    public async Task<Guid> EnrolAsync(MemberInput input, string? reason, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var committee = await CommitteeAsync(ct);
        var (profile, professions) = await ValidateAsync(input, committee, null, ct);
        var note = Note("reason", reason, required: false);
        var m = PoolMember.Enrol(Guid.CreateVersion7(clock.GetUtcNow()), committee, profile, note, Actor.UserId ?? Guid.Empty, input.UserId,
            clock.GetUtcNow(), clock.Today().Year);
        db.PoolMembers.Add(m);
        SetProfessions(m.Id, professions, []);
        await db.SaveChangesAsync(ct);
        return m.Id;
    }

    /// <summary>自荐: a signed-in person applies for themselves (one application or membership per account).</summary>
    public async Task<Guid> ApplyAsync(MemberInput input, string? reason, CancellationToken ct = default)
    {
        Actor.Demand(Permission.JoinPool);
        var me = Actor.UserId ?? throw new ForbiddenException();
        var committee = await CommitteeAsync(ct);
        var (profile, professions) = await ValidateAsync(input with { UserId = me }, committee, null, ct);
        var why = Note("reason", reason, required: true);
        var m = PoolMember.Apply(Guid.CreateVersion7(clock.GetUtcNow()), committee, profile, EntryRoute.SelfRecommended, null, why, me, me, clock.GetUtcNow());
        db.PoolMembers.Add(m);
        SetProfessions(m.Id, professions, []);
        await db.SaveChangesAsync(ct);
        return m.Id;
    }

    /// <summary>组织推荐: a unit's liaison recommends someone of their own organisation (or below); the office may record any organisation's.</summary>
    public async Task<Guid> RecommendAsync(MemberInput input, Guid? recommendingOrganizationId, string? reason, CancellationToken ct = default)
    {
        if (!Actor.Can(Permission.ManagePool)) Actor.Demand(Permission.RecommendToPool);
        var committee = await CommitteeAsync(ct);
        var by = Actor.Can(Permission.ManagePool) ? recommendingOrganizationId : Actor.OrganizationId;
        var v = new Validator();
        if (by is null) v.Add("recommendingOrganizationId", Messages.Error_Required);
        v.ThrowIfInvalid();
        var (profile, professions) = await ValidateAsync(input, committee, null, ct);
        if (!Actor.Can(Permission.ManagePool))
        {
            var paths = await db.Organizations.Where(o => o.Id == by || o.Id == profile.OrganizationId).ToDictionaryAsync(o => o.Id, o => o.Path, ct);
            if (!paths[profile.OrganizationId].StartsWith(paths[by!.Value], StringComparison.Ordinal))
                throw new ValidationException("organizationId", Messages.Pool_RecommendOwnOnly);
        }
        var why = Note("reason", reason, required: true);
        var m = PoolMember.Apply(Guid.CreateVersion7(clock.GetUtcNow()), committee, profile, EntryRoute.OrganizationRecommended, by, why,
            Actor.UserId, input.UserId, clock.GetUtcNow());
        db.PoolMembers.Add(m);
        SetProfessions(m.Id, professions, []);
        await db.SaveChangesAsync(ct);
        return m.Id;
    }

    public async Task UpdateAsync(Guid id, MemberInput input, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var m = await db.ForUpdateAsync(db.PoolMembers, x => x.Id == id, version, ct);
        var (profile, professions) = await ValidateAsync(input, m.CommitteeId, m.Id, ct);
        m.Edit(profile);
        if (input.UserId != m.UserId)
        {
            m.LinkAccount(input.UserId);
            foreach (var gm in await db.GroupMembers.Where(g => g.MemberId == id).ToListAsync(ct)) gm.LinkAccount(input.UserId);
        }
        var current = await db.PoolMemberProfessions.Where(p => p.MemberId == id).ToListAsync(ct);
        SetProfessions(id, professions, current);
        db.Entry(m).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
    }

    public async Task ApproveAsync(Guid id, string? note, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var m = await db.ForUpdateAsync(db.PoolMembers, x => x.Id == id, version, ct);
        m.Approve(Actor.UserId ?? Guid.Empty, Note("note", note, required: false), clock.GetUtcNow(), clock.Today().Year);
        await db.SaveChangesAsync(ct);
    }

    public async Task RejectAsync(Guid id, string? note, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var m = await db.ForUpdateAsync(db.PoolMembers, x => x.Id == id, version, ct);
        m.Reject(Actor.UserId ?? Guid.Empty, Note("note", note, required: true)!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task ExitAsync(Guid id, ExitReason? reason, string? note, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var m = await db.ForUpdateAsync(db.PoolMembers, x => x.Id == id, version, ct);
        if (reason is null || !Enum.IsDefined(reason.Value)) throw new ValidationException("reason", Messages.Error_Required);
        m.Exit(Actor.UserId ?? Guid.Empty, reason.Value, Note("note", note, required: false), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The yearly review: confirms the given active members for the year; returns how many were confirmed.</summary>
    public async Task<int> ConfirmAsync(int year, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var thisYear = clock.Today().Year;
        if (year < thisYear - 1 || year > thisYear + 1) throw new ValidationException("year", string.Format(Messages.Error_Range, thisYear - 1, thisYear + 1));
        var members = await db.PoolMembers.Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        if (members.Count != ids.Distinct().Count()) throw new NotFoundException();
        foreach (var m in members) m.Confirm(year);
        db.Record("pool-confirm", "pool_members", null, detail: new { year, count = members.Count });
        await db.SaveChangesAsync(ct);
        return members.Count;
    }

    // ── Avoidance relations: the office, or the member themselves ───────────────────────────────────

    public async Task<Guid> AddRelationAsync(Guid memberId, RelationInput input, CancellationToken ct = default)
    {
        var m = await ForRelationsAsync(memberId, ct);
        var v = new Validator();
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) v.Add("kind", Messages.Error_Required);
        if (input.OrganizationId is null || !await db.Organizations.AnyAsync(o => o.Id == input.OrganizationId, ct))
            v.Add("organizationId", Messages.Pool_NoSuchOrganization);
        var person = v.Text("personName", input.PersonName, PoolRelation.PersonMax, required: input.Kind == RelationKind.Relative);
        var relation = v.Text("relation", input.Relation, PoolRelation.RelationMax, required: input.Kind == RelationKind.Relative);
        var note = v.Text("note", input.Note, PoolRelation.NoteMax, required: input.Kind == RelationKind.Conflict);
        if (input.Kind == RelationKind.PastOrganization)
        {
            if (input.FromDate is null) v.Add("fromDate", Messages.Error_Required);
            if (input.FromDate is { } f && input.ToDate is { } t && t < f) v.Add("toDate", Messages.Pool_EndBeforeStart);
            if (input.ToDate is { } to && to > clock.Today()) v.Add("toDate", Messages.Pool_FutureDate);
        }
        v.ThrowIfInvalid();
        var r = PoolRelation.Of(Guid.CreateVersion7(clock.GetUtcNow()), m.Id, input.Kind!.Value, input.OrganizationId!.Value,
            input.Kind == RelationKind.PastOrganization ? input.FromDate : null, input.Kind == RelationKind.PastOrganization ? input.ToDate : null,
            person, relation, note);
        db.PoolRelations.Add(r);
        await db.SaveChangesAsync(ct);
        return r.Id;
    }

    public async Task RemoveRelationAsync(Guid memberId, Guid relationId, CancellationToken ct = default)
    {
        await ForRelationsAsync(memberId, ct);
        var r = await db.PoolRelations.SingleOrDefaultAsync(x => x.Id == relationId && x.MemberId == memberId, ct) ?? throw new NotFoundException();
        db.PoolRelations.Remove(r);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The office for anyone; a member for their own record only (others are not found).</summary>
    private async Task<PoolMember> ForRelationsAsync(Guid memberId, CancellationToken ct)
    {
        var m = await db.PoolMembers.SingleOrDefaultAsync(x => x.Id == memberId, ct) ?? throw new NotFoundException();
        if (Actor.Can(Permission.ManagePool)) return m;
        if (Actor.UserId is not null && m.UserId == Actor.UserId) return m;
        throw new NotFoundException();
    }

    // ── Training and recommendations (the office) ───────────────────────────────────────────────────

    public async Task<Guid> AddTrainingAsync(Guid memberId, TrainingInput input, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var m = await db.PoolMembers.SingleOrDefaultAsync(x => x.Id == memberId, ct) ?? throw new NotFoundException();
        var v = new Validator();
        var course = v.Text("course", input.Course, PoolTraining.CourseMax, required: true);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) v.Add("kind", Messages.Error_Required);
        if (input.Date is null) v.Add("date", Messages.Error_Required);
        else if (input.Date > clock.Today()) v.Add("date", Messages.Pool_FutureDate);
        if (input.Hours is null or <= 0 or > 1000) v.Add("hours", string.Format(Messages.Error_Range, 0.5, 1000));
        v.ThrowIfInvalid();
        var t = PoolTraining.Of(Guid.CreateVersion7(clock.GetUtcNow()), m.Id, course!, input.Kind!.Value, input.Date!.Value, Math.Round(input.Hours!.Value, 1));
        db.PoolTrainings.Add(t);
        await db.SaveChangesAsync(ct);
        return t.Id;
    }

    public async Task RemoveTrainingAsync(Guid memberId, Guid trainingId, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var t = await db.PoolTrainings.SingleOrDefaultAsync(x => x.Id == trainingId && x.MemberId == memberId, ct) ?? throw new NotFoundException();
        db.PoolTrainings.Remove(t);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Guid> AddRecommendationAsync(Guid memberId, RecommendationInput input, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var m = await db.PoolMembers.SingleOrDefaultAsync(x => x.Id == memberId, ct) ?? throw new NotFoundException();
        var v = new Validator();
        var body = v.Text("body", input.Body, PoolRecommendation.BodyMax, required: true);
        var note = v.Text("note", input.Note, PoolRecommendation.NoteMax, required: false);
        if (input.Date is null) v.Add("date", Messages.Error_Required);
        v.ThrowIfInvalid();
        var r = PoolRecommendation.Of(Guid.CreateVersion7(clock.GetUtcNow()), m.Id, body!, input.Date!.Value, note);
        db.PoolRecommendations.Add(r);
        await db.SaveChangesAsync(ct);
        return r.Id;
    }

    public async Task RemoveRecommendationAsync(Guid memberId, Guid recommendationId, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var r = await db.PoolRecommendations.SingleOrDefaultAsync(x => x.Id == recommendationId && x.MemberId == memberId, ct) ?? throw new NotFoundException();
        db.PoolRecommendations.Remove(r);
        await db.SaveChangesAsync(ct);
    }

    // ── Policy and the configurable lists ───────────────────────────────────────────────────────────

    public sealed record PolicyInput(int LeaderMinLevel, int GroupMinSize, int GroupMaxSize, int AvoidanceYears, int ExcellentPercent, int RecentYears,
        IReadOnlyList<Guid>? RequiredProfessionIds, int WeightCoverage, int WeightMentoring, int WeightMix, int WeightFairness, int WeightDiversity);

    public async Task<PoolPolicy> UpdatePolicyAsync(PolicyInput input, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManagePool);
        var committee = await CommitteeAsync(ct);
        var policy = await db.PoolPolicies.SingleOrDefaultAsync(p => p.CommitteeId == committee, ct);
        db.MatchVersion(policy, version);
        if (policy is null)
        {
            policy = PoolPolicy.Default(committee);
            db.PoolPolicies.Add(policy);
        }
        var required = input.RequiredProfessionIds ?? [];
        var known = await db.PoolProfessions.Where(p => required.Contains(p.Id)).CountAsync(ct);
        if (known != required.Distinct().Count()) throw new ValidationException("requiredProfessionIds", Messages.Pool_NoSuchProfession);
        policy.Update(input.LeaderMinLevel, input.GroupMinSize, input.GroupMaxSize, input.AvoidanceYears, input.ExcellentPercent, input.RecentYears,
            required, new PoolPolicy.Weights(input.WeightCoverage, input.WeightMentoring, input.WeightMix, input.WeightFairness, input.WeightDiversity));
        await db.SaveChangesAsync(ct);
        return policy;
    }

    public async Task<Guid> SaveRankAsync(Guid? id, string? name, int level, bool active, CancellationToken ct = default, uint? version = null)
    {
        Actor.Demand(Permission.ManagePool);
        var v = new Validator();
        var clean = v.Line("name", name, PoolRank.NameMax, required: true);
        if (level is < 0 or > 100) v.Add("level", string.Format(Messages.Error_Range, 0, 100));
        v.ThrowIfInvalid();
        if (await db.PoolRanks.AnyAsync(r => r.Name == clean && r.Id != id, ct)) throw new ValidationException("name", string.Format(Messages.Pool_NameTaken, clean));
        var rank = id is { } x ? await db.PoolRanks.SingleOrDefaultAsync(r => r.Id == x, ct) ?? throw new NotFoundException() : null;
        db.MatchVersion(rank, version);
        if (rank is null) db.PoolRanks.Add(rank = PoolRank.Create(Guid.CreateVersion7(clock.GetUtcNow()), clean!, level));
        rank.Update(clean!, level, active);
        await db.SaveChangesAsync(ct);
        return rank.Id;
    }

    public async Task<Guid> SaveProfessionAsync(Guid? id, string? name, int sortOrder, bool active, CancellationToken ct = default, uint? version = null)
    {
        Actor.Demand(Permission.ManagePool);
        var v = new Validator();
        var clean = v.Line("name", name, PoolProfession.NameMax, required: true);
        v.ThrowIfInvalid();
        if (await db.PoolProfessions.AnyAsync(p => p.Name == clean && p.Id != id, ct)) throw new ValidationException("name", string.Format(Messages.Pool_NameTaken, clean));
        var profession = id is { } x ? await db.PoolProfessions.SingleOrDefaultAsync(p => p.Id == x, ct) ?? throw new NotFoundException() : null;
        db.MatchVersion(profession, version);
        if (profession is null) db.PoolProfessions.Add(profession = PoolProfession.Create(Guid.CreateVersion7(clock.GetUtcNow()), clean!, sortOrder));
        profession.Update(clean!, sortOrder, active);
        await db.SaveChangesAsync(ct);
        return profession.Id;
    }

    // ── Validation ──────────────────────────────────────────────────────────────────────────────────

    private async Task<(PoolMember.Profile, List<Guid>)> ValidateAsync(MemberInput input, Guid committee, Guid? self, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Line("name", input.Name, PoolMember.NameMax, required: true);
        var position = v.Text("position", input.Position, PoolMember.PositionMax, required: false);
        var phone = v.Text("phone", input.Phone, PoolMember.PhoneMax, required: false);
        var email = v.Text("email", input.Email, PoolMember.EmailMax, required: false);
        if (phone is not null && !PhoneShape().IsMatch(phone)) v.Add("phone", Messages.Pool_BadPhone);
        if (email is not null && !EmailShape().IsMatch(email)) v.Add("email", Messages.Pool_BadEmail);
        var committeePath = await db.Organizations.Where(o => o.Id == committee).Select(o => o.Path).SingleAsync(ct);
        var org = input.OrganizationId is { } oid ? await db.Organizations.SingleOrDefaultAsync(o => o.Id == oid, ct) : null;
        if (org is null || !org.IsActive || !org.Path.StartsWith(committeePath, StringComparison.Ordinal)) v.Add("organizationId", Messages.Pool_NoSuchOrganization);
        if (input.RankId is null || !await db.PoolRanks.AnyAsync(r => r.Id == input.RankId && r.IsActive, ct)) v.Add("rankId", Messages.Pool_NoSuchRank);
        var professions = (input.ProfessionIds ?? []).ToList();
        if (professions.Count != professions.Distinct().Count()) v.Add("professionIds", Messages.Pool_DuplicateProfession);
        else if (await db.PoolProfessions.CountAsync(p => professions.Contains(p.Id) && p.IsActive, ct) != professions.Count)
            v.Add("professionIds", Messages.Pool_NoSuchProfession);
        if (input.UserId is { } uid)
        {
            if (!await db.Users.AnyAsync(u => u.Id == uid, ct)) v.Add("userId", Messages.Pool_NoSuchAccount);
            else if (await db.PoolMembers.AnyAsync(m => m.UserId == uid && m.Id != self, ct)) v.Add("userId", Messages.Pool_AccountTaken);
        }
        if (name is not null && org is not null && await db.PoolMembers.AnyAsync(m => m.Name == name && m.OrganizationId == org.Id && m.Id != self
                && (m.Status == MemberStatus.Applied || m.Status == MemberStatus.Active), ct))
            v.Add("name", string.Format(Messages.Pool_AlreadyIn, name, org.Name));
        v.ThrowIfInvalid();
        return (new PoolMember.Profile(name!, org!.Id, position, input.RankId!.Value, input.LeaderEligible, input.FullTime, phone, email), professions);
    }

    private void SetProfessions(Guid memberId, List<Guid> wanted, List<PoolMemberProfession> current)
    {
        db.PoolMemberProfessions.RemoveRange(current.Where(c => !wanted.Contains(c.ProfessionId)));
        db.PoolMemberProfessions.AddRange(wanted.Where(w => current.All(c => c.ProfessionId != w)).Select(w => PoolMemberProfession.Of(memberId, w)));
    }

    private static string? Note(string field, string? text, bool required)
    {
        var v = new Validator();
        var clean = v.Text(field, text, PoolMember.NoteMax, required);
        v.ThrowIfInvalid();
        return clean;
    }

    [GeneratedRegex(@"^[0-9+\-() ]{5,30}$")]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}
