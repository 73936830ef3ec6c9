using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Confidential;

/// <summary>
/// The read filters of the confidential records, one per entity; outside them the answer is 404. Letters: the
/// group they came to and the office. Clues: the group that registered them, the office, and the receiver once
/// transferred to the discipline commission (纪委). Transfers: the office and, for its batches, the 纪委.
/// Nobody else — not the leading group, not a unit, not an administrator.
/// </summary>
public static class ConfidentialScope
{
    private static bool IsOffice(Actor a) => a.IsSystem || a.Has(Role.Office);

    private static IQueryable<Guid> MyGroups(XunchaDbContext db) =>
        db.GroupMembers.Where(m => m.UserId == db.Actor.UserId && db.Actor.UserId != null).Select(m => m.GroupId);

    public static IQueryable<Letter> VisibleTo(this IQueryable<Letter> q, XunchaDbContext db)
    {
        if (IsOffice(db.Actor)) return q;
        if (!db.Actor.Can(Permission.HandleLetters)) return q.Where(_ => false);
        var mine = MyGroups(db);
        return q.Where(l => mine.Contains(l.GroupId));
    }

    public static IQueryable<Clue> VisibleTo(this IQueryable<Clue> q, XunchaDbContext db)
    {
        var a = db.Actor;
        if (IsOffice(a)) return q;
        var inGroup = a.Can(Permission.RegisterClues);
        var receiver = a.Has(Role.Discipline) || a.Has(Role.DisciplineSecretary);
        if (!inGroup && !receiver) return q.Where(_ => false);
        var mine = MyGroups(db);
        return q.Where(c => (inGroup && c.GroupId != null && mine.Contains(c.GroupId.Value))
                            || (receiver && c.Receiver == ClueReceiver.Discipline && c.Status != ClueStatus.Registered));
    }

    public static IQueryable<ClueTransfer> VisibleTo(this IQueryable<ClueTransfer> q, XunchaDbContext db)
    {
        var a = db.Actor;
        if (IsOffice(a)) return q;
        if (a.Has(Role.Discipline) || a.Has(Role.DisciplineSecretary)) return q.Where(t => t.Receiver == ClueReceiver.Discipline);
        return q.Where(_ => false);
    }
}

/// <summary>Talks: the group that holds them and the office; nobody else.</summary>
public static class TalkScope
{
    public static IQueryable<TalkEntry> VisibleTo(this IQueryable<TalkEntry> q, XunchaDbContext db)
    {
        var a = db.Actor;
        if (a.IsSystem || a.Has(Role.Office)) return q;
        if (!a.Can(Permission.RecordTalks)) return q.Where(_ => false);
        var mine = db.GroupMembers.Where(m => m.UserId == a.UserId && a.UserId != null).Select(m => m.GroupId);
        return q.Where(t => mine.Contains(t.GroupId));
    }
}
