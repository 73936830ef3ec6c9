using Microsoft.EntityFrameworkCore;
using Xuncha.Data;

namespace Xuncha.Rounds;

/// <summary>Whether the signed-in user serves in a group (or leads it): the one question most group rules start from.</summary>
public static class GroupMembership
{
    public static Task<bool> IsInGroupAsync(this XunchaDbContext db, Guid groupId, bool leaderOnly, CancellationToken ct)
    {
        var me = db.Actor.UserId;
        return me is null
            ? Task.FromResult(false)
            : db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == me && (!leaderOnly || m.Role == GroupRole.Leader), ct);
    }

    /// <summary>The accounts of a group's members (those who have one).</summary>
    public static Task<List<Guid>> GroupUserIdsAsync(this XunchaDbContext db, Guid groupId, CancellationToken ct) =>
        db.GroupMembers.Where(m => m.GroupId == groupId && m.UserId != null).Select(m => m.UserId!.Value).ToListAsync(ct);
}
