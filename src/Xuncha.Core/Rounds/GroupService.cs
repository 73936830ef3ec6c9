using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Pool;
using Xuncha.Pool.Formation;

namespace Xuncha.Rounds;

/// <summary>
/// Forms a round's groups from the talent pool: one 组长, up to two 副组长, members, and the targets the group
/// inspects. Saving re-checks every hard rule of group formation (avoidance with ancestry both ways, past
/// organisations, relatives, declared conflicts, the leader's eligibility, rank and rotation, the group's
/// size, nobody in two groups) and names the rule broken.
/// </summary>
public sealed class GroupService(XunchaDbContext db, FormationData data, TimeProvider clock)
{
    public const int MaxDeputies = 2;

    public async Task<Guid> SaveAsync(Guid roundId, Guid? groupId, GroupInput input, uint? version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        round.EnsureDraft();
        var group = groupId is { } gid ? await db.ForUpdateAsync(db.Groups, g => g.Id == gid && g.RoundId == roundId, version, ct) : null;

        var people = Roster(input);
        var targetIds = (input.TargetIds ?? []).Distinct().ToList();
        var v = new Validator();
        var name = v.Line("name", input.Name, InspectionGroup.NameMax, required: false);
        if (input.LeaderId is null) v.Add("leaderId", Messages.Group_NeedsLeader);
        if ((input.DeputyIds?.Count ?? 0) > MaxDeputies) v.Add("deputyIds", string.Format(Messages.Group_TooManyDeputies, MaxDeputies));
        if (people.Count != people.Select(p => p.MemberId).Distinct().Count()) v.Add("memberIds", Messages.Group_DuplicatePerson);
        var targets = (await data.TargetsAsync(round, ct)).Where(t => targetIds.Contains(t.Id)).ToList();
        if (targets.Count != targetIds.Count) v.Add("targetIds", Messages.Round_NoSuchTarget);
        v.ThrowIfInvalid();

        var violations = await CheckAsync(round, groupId, targets, input, ct);
        foreach (var x in violations)
            v.Add(x.Rule is FormationRule.NoLeader or FormationRule.NotLeaderEligible or FormationRule.RankTooLow or FormationRule.LedLastTime
                  && x.CandidateId == input.LeaderId ? "leaderId" : "memberIds", x.Message);
        v.ThrowIfInvalid();

        if (group is null)
        {
            var number = (await db.Groups.Where(g => g.RoundId == roundId).MaxAsync(g => (int?)g.Number, ct) ?? 0) + 1;
            group = InspectionGroup.Create(Guid.CreateVersion7(clock.GetUtcNow()), roundId, number, name ?? DefaultName(number));
            db.Groups.Add(group);
        }
        else
        {
            group.Rename(name ?? DefaultName(group.Number));
            db.Entry(group).State = EntityState.Modified;
        }

        var ids = people.Select(p => p.MemberId).ToList();
        var accounts = await db.PoolMembers.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.UserId, ct);
        db.GroupMembers.RemoveRange(await db.GroupMembers.Where(m => m.GroupId == group.Id).ToListAsync(ct));
        db.GroupMembers.AddRange(people.Select(p => GroupMember.Create(group.Id, p.MemberId, accounts[p.MemberId], p.Role)));
        foreach (var t in await db.RoundTargets.Where(t => t.RoundId == roundId && (t.GroupId == group.Id || targetIds.Contains(t.Id))).ToListAsync(ct))
            t.AssignTo(targetIds.Contains(t.Id) ? group.Id : null);
        await db.SaveChangesAsync(ct);
        return group.Id;
    }

    /// <summary>
    /// The hard rules a group would break if saved in the round (nothing is written): used on save, and by the
    /// form to re-check each edit at once.
    /// </summary>
    public async Task<IReadOnlyList<Violation>> CheckAsync(Guid roundId, Guid? groupId, IReadOnlyList<Guid> targetIds, GroupInput input, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        var targets = (await data.TargetsAsync(round, ct)).Where(t => targetIds.Contains(t.Id)).ToList();
        return await CheckAsync(round, groupId, targets, input, ct);
    }

    private async Task<IReadOnlyList<Violation>> CheckAsync(Round round, Guid? groupId, List<FormationTarget> targets, GroupInput input, CancellationToken ct)
    {
        var people = Roster(input);
        var ids = people.Select(p => p.MemberId).Distinct().ToList();
        var policy = await data.PolicyAsync(round.CommitteeId, ct);
        var settings = await data.SettingsAsync(policy, ct);
        var pool = await data.CandidatesAsync(round.CommitteeId, policy, round, ids, ct);
        var active = await db.PoolMembers.Where(m => ids.Contains(m.Id) && m.Status == MemberStatus.Active).Select(m => m.Id).ToListAsync(ct);
        var candidates = pool.Available.Where(c => active.Contains(c.Id)).ToDictionary(c => c.Id);
        var draft = new HardRules.GroupDraft(targets, input.LeaderId, input.DeputyIds ?? [], input.MemberIds ?? []);
        var label = groupId is { } gid ? await db.Groups.Where(g => g.Id == gid).Select(g => g.Name).SingleOrDefaultAsync(ct) : null;
        label ??= string.IsNullOrWhiteSpace(input.Name)
            ? DefaultName((await db.Groups.Where(g => g.RoundId == round.Id).MaxAsync(g => (int?)g.Number, ct) ?? 0) + 1)
            : input.Name.Trim();
        var found = HardRules.Check([draft], candidates, settings, pool.Names, [label]).ToList();

        var elsewhere = await (from m in db.GroupMembers join g in db.Groups on m.GroupId equals g.Id
                               where g.RoundId == round.Id && g.Id != groupId && ids.Contains(m.MemberId)
                               select new { m.MemberId, g.Name }).ToListAsync(ct);
        foreach (var e in elsewhere)
            found.Add(new Violation(FormationRule.InTwoGroups, e.MemberId, string.Format(Messages.Group_InAnotherGroup, pool.Names.GetValueOrDefault(e.MemberId), e.Name)));
        return found;
    }

    public sealed record Candidate(Guid Id, string DisplayName, string Organization, string Rank, bool CanLead, bool Confirmed, bool HasAccount);

    /// <summary>Who may be put in a group: the pool's active members (those not confirmed for the year are flagged).</summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var year = clock.Today().Year;
        var rows = await (from m in db.PoolMembers
                          join o in db.Organizations on m.OrganizationId equals o.Id
                          join r in db.PoolRanks on m.RankId equals r.Id
                          where m.Status == MemberStatus.Active
                          select new { m.Id, m.Name, Org = o.Name, Rank = r.Name, m.LeaderEligible, m.ConfirmedYear, m.UserId }).ToListAsync(ct);
        return rows.Select(x => new Candidate(x.Id, x.Name, x.Org, x.Rank, x.LeaderEligible, x.ConfirmedYear >= year, x.UserId is not null))
            .OrderByDescending(c => c.CanLead).ThenBy(c => c.DisplayName, StringComparer.Ordinal).ToList();
    }

    public async Task DeleteAsync(Guid roundId, Guid groupId, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == roundId, ct) ?? throw new NotFoundException();
        round.EnsureDraft();
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == groupId && g.RoundId == roundId, ct) ?? throw new NotFoundException();
        foreach (var t in await db.RoundTargets.Where(t => t.GroupId == groupId).ToListAsync(ct)) t.AssignTo(null);
        db.GroupMembers.RemoveRange(await db.GroupMembers.Where(m => m.GroupId == groupId).ToListAsync(ct));
        db.Groups.Remove(group);
        await db.SaveChangesAsync(ct);
    }

    private static string DefaultName(int number) => string.Format(Messages.Group_DefaultName, Numerals.Chinese(number));

    private static List<(Guid MemberId, GroupRole Role)> Roster(GroupInput input)
    {
        var list = new List<(Guid, GroupRole)>();
        if (input.LeaderId is { } leader) list.Add((leader, GroupRole.Leader));
        list.AddRange((input.DeputyIds ?? []).Select(d => (d, GroupRole.Deputy)));
        list.AddRange((input.MemberIds ?? []).Select(m => (m, GroupRole.Member)));
        return list;
    }
}
