using Xuncha.Common;

namespace Xuncha.Rounds;

/// <summary>An organisation inspected in a round (被巡察单位), the group assigned to it, and its feedback date.</summary>
public sealed class RoundTarget : Common.IVersioned
{
    private RoundTarget() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid? GroupId { get; private set; }
    public DateOnly? FeedbackDate { get; private set; }
    public Guid? FeedbackBy { get; private set; }
    public uint Version { get; private set; }

    public bool IsFedBack => FeedbackDate is not null;

    public static RoundTarget Create(Guid id, Guid roundId, Guid organizationId) => new() { Id = id, RoundId = roundId, OrganizationId = organizationId };

    public void AssignTo(Guid? groupId) => GroupId = groupId;

    public void GiveFeedback(DateOnly on, Guid by)
    {
        if (IsFedBack) throw new DomainException(Messages.Feedback_AlreadyGiven);
        FeedbackDate = on;
        FeedbackBy = by;
    }
}

/// <summary>An inspection group (巡察组) of a round.</summary>
public sealed class InspectionGroup : Common.IVersioned
{
    public const int NameMax = 50;

    private InspectionGroup() { }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The unguessable part of the group's public report page (<c>/report/{token}</c>), made with the group.</summary>
    public string ReportToken { get; private set; } = "";

    public uint Version { get; private set; }

    /// <summary>20 random URL-safe characters (120 bits): the link cannot be guessed from the group.</summary>
    public static string NewReportToken() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    public static InspectionGroup Create(Guid id, Guid roundId, int number, string name) =>
        new() { Id = id, RoundId = roundId, Number = number, Name = name, ReportToken = NewReportToken() };

    public void Rename(string name) => Name = name;
}

public sealed class GroupMember
{
    private GroupMember() { }

    public Guid GroupId { get; private set; }

    /// <summary>The pool member (人才库) who serves in the group.</summary>
    public Guid MemberId { get; private set; }

    /// <summary>The member's account, when they have one: what access checks compare with the signed-in user.</summary>
    public Guid? UserId { get; private set; }

    public GroupRole Role { get; private set; }

    public static GroupMember Create(Guid groupId, Guid memberId, Guid? userId, GroupRole role) =>
        new() { GroupId = groupId, MemberId = memberId, UserId = userId, Role = role };

    public void LinkAccount(Guid? userId) => UserId = userId;
}
