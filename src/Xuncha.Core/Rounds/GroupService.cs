using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Rounds;

/// <summary>
/// Forms a round's groups from accounts (the talent pool of #4 comes later): one 组长, up to two 副组长,
/// members, and the targets it inspects. Saving re-checks every rule, avoidance included, and says which.
/// </summary>
public sealed class GroupService(XunchaDbContext db, TimeProvider clock)
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
        var name = v.Text("name", input.Name, InspectionGroup.NameMax, required: false);
        if (input.LeaderId is null) v.Add("leaderId", Messages.Group_NeedsLeader);
        if ((input.DeputyIds?.Count ?? 0) > MaxDeputies) v.Add("deputyIds", string.Format(Messages.Group_TooManyDeputies, MaxDeputies));
        if (people.Count != people.Select(p => p.UserId).Distinct().Count()) v.Add("memberIds", Messages.Group_DuplicatePerson);
        v.ThrowIfInvalid();

        var ids = people.Select(p => p.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.OrganizationId }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        foreach (var missing in ids.Where(id => users.All(u => u.Id != id))) v.Add("memberIds", Messages.Group_NoSuchPerson);
        foreach (var p in people)
        {
            var u = users.FirstOrDefault(x => x.Id == p.UserId);
            if (u is null) continue;
            var has = roles.Where(r => r.UserId == p.UserId).Select(r => r.Name).ToHashSet();
            var ok = p.Role == GroupRole.Leader ? has.Contains(Role.GroupLeader.Key())
                : has.Contains(Role.GroupLeader.Key()) || has.Contains(Role.GroupMember.Key());
            if (!ok) v.Add(p.Role == GroupRole.Leader ? "leaderId" : "memberIds", string.Format(
                p.Role == GroupRole.Leader ? Messages.Group_LeaderRole : Messages.Group_MemberRole, u.DisplayName));
        }
        var elsewhere = await (from m in db.GroupMembers join g in db.Groups on m.GroupId equals g.Id
                               where g.RoundId == roundId && g.Id != groupId && ids.Contains(m.UserId)
                               select new { m.UserId, g.Name }).ToListAsync(ct);
        foreach (var e in elsewhere)
            v.Add("memberIds", string.Format(Messages.Group_InAnotherGroup, users.First(u => u.Id == e.UserId).DisplayName, e.Name));

        var targets = await db.RoundTargets.Where(t => t.RoundId == roundId && targetIds.Contains(t.Id)).ToListAsync(ct);
        if (targets.Count != targetIds.Count) v.Add("targetIds", Messages.Round_NoSuchTarget);
        var orgIds = targets.Select(t => t.OrganizationId).Concat(users.Where(u => u.OrganizationId != null).Select(u => u.OrganizationId!.Value)).ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var conflicts = Avoidance.Check(
            users.Select(u => (u.Id, u.DisplayName, u.OrganizationId is { } o ? orgs[o] : null)),
            targets.Select(t => orgs[t.OrganizationId]).ToList());
        foreach (var c in conflicts) v.Add("memberIds", Avoidance.Message(c));
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

        db.GroupMembers.RemoveRange(await db.GroupMembers.Where(m => m.GroupId == group.Id).ToListAsync(ct));
        db.GroupMembers.AddRange(people.Select(p => GroupMember.Create(group.Id, p.UserId, p.Role)));
        foreach (var t in await db.RoundTargets.Where(t => t.RoundId == roundId && (t.GroupId == group.Id || targetIds.Contains(t.Id))).ToListAsync(ct))
            t.AssignTo(targetIds.Contains(t.Id) ? group.Id : null);
        await db.SaveChangesAsync(ct);
        return group.Id;
    }

    public sealed record Candidate(Guid Id, string DisplayName, string? Organization, bool CanLead);

    /// <summary>People who may be put in a group: active accounts with the 组长 or 组员 role.</summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageRounds);
        var leader = Role.GroupLeader.Key();
        var member = Role.GroupMember.Key();
        var rows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                          join u in db.Users on ur.UserId equals u.Id
                          join o in db.Organizations on u.OrganizationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          where u.IsActive && (r.Name == leader || r.Name == member)
                          select new { u.Id, u.DisplayName, Org = o.Name, Lead = r.Name == leader }).ToListAsync(ct);
        return rows.GroupBy(x => x.Id).Select(g => new Candidate(g.Key, g.First().DisplayName, g.First().Org, g.Any(x => x.Lead)))
            .OrderByDescending(c => c.CanLead).ThenBy(c => c.DisplayName).ToList();
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

    private static List<(Guid UserId, GroupRole Role)> Roster(GroupInput input)
    {
        var list = new List<(Guid, GroupRole)>();
        if (input.LeaderId is { } leader) list.Add((leader, GroupRole.Leader));
        list.AddRange((input.DeputyIds ?? []).Select(d => (d, GroupRole.Deputy)));
        list.AddRange((input.MemberIds ?? []).Select(m => (m, GroupRole.Member)));
        return list;
    }
}
