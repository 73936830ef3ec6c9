using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Confidential.Crypto;
using Xuncha.Data;
using Xuncha.Rounds;

namespace Xuncha.Confidential;

/// <summary>
/// The talk list of a target (by default the leadership team, the heads of discipline inspection and organisation,
/// and leaders retired within 3 years, from the unit's roster) and the talk records: at least two interviewers of
/// the group, the content sealed per record, the interviewee's confirmation. Group and office only.
/// </summary>
public sealed class TalkService(XunchaDbContext db, Vault vault, TimeProvider clock)
{
    /// <summary>Retired leaders are talked to when they left within this many years before the fieldwork.</summary>
    public const int RetiredWithinYears = 3;

    private Actor Actor => db.Actor;

    public async Task<TalkList> ListAsync(Guid targetId, CancellationToken ct = default)
    {
        var (target, org, round) = await TargetAsync(targetId, ct);
        // the list in the order of the standard: leadership, discipline, organisation, retired, others (enum order, not the stored text)
        var talks = (await db.TalkEntries.VisibleTo(db).AsNoTracking().Where(t => t.TargetId == targetId).ToListAsync(ct))
            .OrderBy(t => t.Status == TalkStatus.Cancelled).ThenBy(t => t.Category).ThenBy(t => t.PlannedOn).ThenBy(t => t.Id).ToList();
        var members = await MembersAsync(target.GroupId!.Value, ct);
        return new TalkList(targetId, org.Name, round.Name, target.GroupId.Value, talks.Select(t => Row(t, members)).ToList(),
            await RosterAsync(org.Id, ct), members, await MayWriteAsync(target.GroupId.Value, ct));
    }

    public async Task<TalkDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        Actor.Demand(Permission.RecordTalks);
        var t = await db.TalkEntries.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        var (_, org, round) = await TargetAsync(t.TargetId, ct);
        var members = await MembersAsync(t.GroupId, ct);
        TalkContent? content = null;
        if (t.Record is not null)
        {
            content = (await vault.OpenAsync(TalkEntry.RecordType, id, ct)).OpenJson<TalkContent>("record", t.Record);
            await db.RecordNowAsync(AuditAction.ReadConfidential, "talk_entries", id.ToString(), ct: ct);
        }
        return new TalkDetail(Row(t, members), content, t.Interviewers, org.Name, round.Name, members, await MayWriteAsync(t.GroupId, ct));
    }

    /// <summary>Adds the roster's people the default list names, skipping anyone already on the list; returns how many were added.</summary>
    public async Task<int> PlanDefaultAsync(Guid targetId, CancellationToken ct = default)
    {
        var (target, org, round) = await ForWriteAsync(targetId, ct);
        var start = round.FieldworkStartedOn ?? round.PlannedStart;
        var cutoff = start.AddYears(-RetiredWithinYears);
        var roster = await db.UnitLeaders.AsNoTracking().Where(l => l.OrganizationId == org.Id).OrderBy(l => l.SortOrder).ToListAsync(ct);
        var existing = (await db.TalkEntries.Where(t => t.TargetId == targetId).Select(t => t.Name).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var l in roster)
        {
            if (existing.Contains(l.Name)) continue;
            TalkCategory? category = l.RetiredOn is null ? l.Category : l.RetiredOn >= cutoff ? TalkCategory.Retired : null;
            if (category is null) continue;
            db.TalkEntries.Add(TalkEntry.Plan(Guid.CreateVersion7(clock.GetUtcNow()), round.Id, targetId, target.GroupId!.Value, l.Name,
                l.RetiredOn is null ? l.Post : $"原{l.Post}", category.Value, null));
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public async Task<Guid> AddAsync(Guid targetId, TalkInput input, CancellationToken ct = default)
    {
        var (target, _, round) = await ForWriteAsync(targetId, ct);
        var v = new Validator();
        var name = v.Line("name", input.Name, TalkEntry.NameMax, required: true);
        var post = v.Text("post", input.Post, TalkEntry.PostMax, required: false);
        if (!Enum.IsDefined(input.Category)) v.Add("category", Messages.Error_Invalid);
        v.ThrowIfInvalid();
        var t = TalkEntry.Plan(Guid.CreateVersion7(clock.GetUtcNow()), round.Id, targetId, target.GroupId!.Value, name!, post, input.Category, input.PlannedOn);
        db.TalkEntries.Add(t);
        await db.SaveChangesAsync(ct);
        return t.Id;
    }

    public async Task RecordAsync(Guid id, TalkRecordInput input, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.RecordTalks);
        var t = await db.ForUpdateAsync(db.TalkEntries.VisibleTo(db), x => x.Id == id, version, ct);
        if (!await MayWriteAsync(t.GroupId, ct)) throw new ForbiddenException(Messages.Problem_OnlyGroup);
        var v = new Validator();
        var content = v.Text("content", input.Content, TalkEntry.ContentMax, required: true);
        var place = v.Text("place", input.Place, TalkEntry.PostMax, required: false);
        var note = v.Text("confirmationNote", input.ConfirmationNote, TalkEntry.NoteMax, required: false);
        var on = input.TalkedOn ?? clock.Today();
        if (on > clock.Today()) v.Add("talkedOn", Messages.Letter_FutureDate);
        var interviewers = (input.Interviewers ?? []).Distinct().ToArray();
        if (interviewers.Length < 2) v.Add("interviewers", Messages.Talk_TwoInterviewers);
        var members = (await MembersAsync(t.GroupId, ct)).Select(m => m.Id).ToHashSet();
        if (interviewers.Any(i => !members.Contains(i))) v.Add("interviewers", Messages.Talk_InterviewerNotInGroup);
        v.ThrowIfInvalid();
        var key = t.Record is null ? vault.Create(TalkEntry.RecordType, id) : await vault.OpenAsync(TalkEntry.RecordType, id, ct);
        var sealedRecord = key.SealJson("record", new TalkContent(place, content!, note));
        t.Write(on, interviewers, input.Confirmed, sealedRecord, vault.Tokens(TalkEntry.RecordType, t.Name, content, note), Actor.UserId ?? Guid.Empty);
        await db.SaveChangesAsync(ct);
    }

    public async Task CancelAsync(Guid id, string? reason, uint? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.RecordTalks);
        var t = await db.ForUpdateAsync(db.TalkEntries.VisibleTo(db), x => x.Id == id, version, ct);
        if (!await MayWriteAsync(t.GroupId, ct)) throw new ForbiddenException(Messages.Problem_OnlyGroup);
        var v = new Validator();
        var clean = v.Text("reason", reason, TalkEntry.NoteMax, required: true);
        v.ThrowIfInvalid();
        t.Cancel(clean!);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The targets whose talks the actor may see (a member: its groups'; the office: all), rounds approved to reporting.</summary>
    public async Task<IReadOnlyList<TalkTargetRow>> TargetsAsync(CancellationToken ct = default)
    {
        Actor.Demand(Permission.RecordTalks);
        var isOffice = Actor.Has(Role.Office) || Actor.IsSystem;
        var mine = db.GroupMembers.Where(m => m.UserId == Actor.UserId).Select(m => m.GroupId);
        return await (from t in db.RoundTargets join r in db.Rounds on t.RoundId equals r.Id join o in db.Organizations on t.OrganizationId equals o.Id
                      join g in db.Groups on t.GroupId equals g.Id
                      where r.Status >= RoundStatus.Approved && r.Status <= RoundStatus.Reporting && (isOffice || mine.Contains(g.Id))
                      orderby r.Year descending, r.Ordinal descending, g.Number, o.SortOrder
                      select new TalkTargetRow(t.Id, o.Name, r.Name, g.Name,
                          db.TalkEntries.Count(x => x.TargetId == t.Id && x.Status != TalkStatus.Cancelled),
                          db.TalkEntries.Count(x => x.TargetId == t.Id && x.Status == TalkStatus.Done))).ToListAsync(ct);
    }

    // ── the roster ──

    public async Task<Guid> AddLeaderAsync(Guid targetId, LeaderInput input, CancellationToken ct = default)
    {
        var (_, org, _) = await ForWriteAsync(targetId, ct);
        var v = new Validator();
        var name = v.Line("name", input.Name, UnitLeader.NameMax, required: true);
        var post = v.Text("post", input.Post, UnitLeader.PostMax, required: true);
        if (input.RetiredOn > clock.Today()) v.Add("retiredOn", Messages.Letter_FutureDate);
        if (input.Category is TalkCategory.Retired or TalkCategory.Other || !Enum.IsDefined(input.Category)) v.Add("category", Messages.Talk_RosterCategory);
        v.ThrowIfInvalid();
        var order = (await db.UnitLeaders.Where(l => l.OrganizationId == org.Id).MaxAsync(l => (int?)l.SortOrder, ct) ?? 0) + 1;
        var leader = UnitLeader.Of(Guid.CreateVersion7(clock.GetUtcNow()), org.Id, name!, post!, input.Category, input.RetiredOn, order);
        db.UnitLeaders.Add(leader);
        await db.SaveChangesAsync(ct);
        return leader.Id;
    }

    public async Task RemoveLeaderAsync(Guid targetId, Guid leaderId, CancellationToken ct = default)
    {
        var (_, org, _) = await ForWriteAsync(targetId, ct);
        var leader = await db.UnitLeaders.SingleOrDefaultAsync(l => l.Id == leaderId && l.OrganizationId == org.Id, ct) ?? throw new NotFoundException();
        db.UnitLeaders.Remove(leader);
        await db.SaveChangesAsync(ct);
    }

    // ── helpers ──

    private async Task<List<LeaderRow>> RosterAsync(Guid orgId, CancellationToken ct) =>
        await db.UnitLeaders.AsNoTracking().Where(l => l.OrganizationId == orgId).OrderBy(l => l.SortOrder)
            .Select(l => new LeaderRow(l.Id, l.Name, l.Post, l.Category, l.RetiredOn)).ToListAsync(ct);

    private async Task<(RoundTarget, Organizations.Organization, Round)> TargetAsync(Guid targetId, CancellationToken ct)
    {
        Actor.Demand(Permission.RecordTalks);
        var target = await db.RoundTargets.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct) ?? throw new NotFoundException();
        if (target.GroupId is null) throw new NotFoundException();
        // a group member sees the talks of its own targets only; the office all
        if (!Actor.Has(Role.Office) && !Actor.IsSystem && !await db.IsInGroupAsync(target.GroupId.Value, leaderOnly: false, ct))
            throw new NotFoundException();
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == target.OrganizationId, ct);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == target.RoundId, ct);
        return (target, org, round);
    }

    private async Task<(RoundTarget, Organizations.Organization, Round)> ForWriteAsync(Guid targetId, CancellationToken ct)
    {
        var (target, org, round) = await TargetAsync(targetId, ct);
        if (!await MayWriteAsync(target.GroupId!.Value, ct)) throw new ForbiddenException(Messages.Problem_OnlyGroup);
        if (round.Status is not (RoundStatus.Approved or RoundStatus.InField or RoundStatus.Reporting))
            throw new DomainException(string.Format(Messages.Problem_NotInFieldwork, round.Status.Label()));
        return (target, org, round);
    }

    /// <summary>Members of the group write; the office reads (it coordinates, it does not talk).</summary>
    private Task<bool> MayWriteAsync(Guid groupId, CancellationToken ct) => db.IsInGroupAsync(groupId, leaderOnly: false, ct);

    /// <summary>Everyone in the group may interview, with an account or not: by their pool member id.</summary>
    private async Task<List<GroupPerson>> MembersAsync(Guid groupId, CancellationToken ct) =>
        (await (from m in db.GroupMembers join p in db.PoolMembers on m.MemberId equals p.Id where m.GroupId == groupId
                orderby m.Role, p.Name select new { p.Id, p.Name }).ToListAsync(ct)).Select(x => new GroupPerson(x.Id, x.Name)).ToList();

    private static TalkRow Row(TalkEntry t, IReadOnlyList<GroupPerson> members) =>
        new(t.Id, t.TargetId, t.Name, t.Post, t.Category, t.PlannedOn, t.Status, t.TalkedOn,
            t.Interviewers.Select(i => members.FirstOrDefault(m => m.Id == i)?.Name ?? "").Where(n => n.Length > 0).ToList(), t.Confirmed, t.CancelReason, t.Version);
}
