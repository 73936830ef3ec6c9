using Xuncha.Common;

namespace Xuncha.Pool;

/// <summary>
/// A person in the talent pool (人才库). Applications (自荐, 组织推荐) wait for the office; the office may also
/// enrol someone directly. Members are confirmed year by year; an exited member keeps the history.
/// </summary>
public sealed class PoolMember : IVersioned
{
    public const int NameMax = 50, PositionMax = 100, PhoneMax = 30, EmailMax = 100, NoteMax = 1000;

    private PoolMember() { }

    public Guid Id { get; private set; }
    public Guid CommitteeId { get; private set; }
    public Guid? UserId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid OrganizationId { get; private set; }
    public string? Position { get; private set; }
    public Guid RankId { get; private set; }
    public bool LeaderEligible { get; private set; }
    public bool FullTime { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public MemberStatus Status { get; private set; }
    public EntryRoute EntryRoute { get; private set; }
    public Guid? RecommendedByOrganizationId { get; private set; }
    public string? ApplicationReason { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public Guid? AppliedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? DecisionNote { get; private set; }
    public ExitReason? ExitReason { get; private set; }
    public string? ExitNote { get; private set; }
    public DateTimeOffset? ExitedAt { get; private set; }
    public Guid? ExitedBy { get; private set; }
    public int? ConfirmedYear { get; private set; }
    public uint Version { get; private set; }

    public sealed record Profile(string Name, Guid OrganizationId, string? Position, Guid RankId, bool LeaderEligible, bool FullTime,
        string? Phone, string? Email);

    /// <summary>An application: by the person (自荐) or by an organisation (组织推荐); the office decides.</summary>
    public static PoolMember Apply(Guid id, Guid committeeId, Profile p, EntryRoute route, Guid? recommendedBy, string? reason,
        Guid? appliedBy, Guid? userId, DateTimeOffset now)
    {
        if (route == EntryRoute.OfficeDecided) throw new ArgumentException("An office decision is an enrolment, not an application.", nameof(route));
        var m = new PoolMember
        {
            Id = id, CommitteeId = committeeId, Status = MemberStatus.Applied, EntryRoute = route, RecommendedByOrganizationId = recommendedBy,
            ApplicationReason = reason, AppliedAt = now, AppliedBy = appliedBy, UserId = userId,
        };
        m.Edit(p);
        return m;
    }

    /// <summary>The office enrols someone by its own decision (相关部门研究确定): active at once, confirmed for the year.</summary>
    public static PoolMember Enrol(Guid id, Guid committeeId, Profile p, string? reason, Guid by, Guid? userId, DateTimeOffset now, int year)
    {
        var m = new PoolMember
        {
            Id = id, CommitteeId = committeeId, Status = MemberStatus.Active, EntryRoute = EntryRoute.OfficeDecided, ApplicationReason = reason,
            AppliedAt = now, AppliedBy = by, DecidedAt = now, DecidedBy = by, DecisionNote = reason, ConfirmedYear = year, UserId = userId,
        };
        m.Edit(p);
        return m;
    }

    public void Edit(Profile p)
    {
        if (Status is MemberStatus.Exited or MemberStatus.Rejected)
            throw new DomainException(string.Format(Messages.Pool_NotEditable, Status.Label()));
        Name = p.Name;
        OrganizationId = p.OrganizationId;
        Position = p.Position;
        RankId = p.RankId;
        LeaderEligible = p.LeaderEligible;
        FullTime = p.FullTime;
        Phone = p.Phone;
        Email = p.Email;
    }

    public void Approve(Guid by, string? note, DateTimeOffset now, int year)
    {
        Status = Transitions.Move(Status, MemberStatus.Active, Messages.Action_Approve, MemberStatus.Applied);
        (DecidedBy, DecidedAt, DecisionNote, ConfirmedYear) = (by, now, note, year);
    }

    public void Reject(Guid by, string note, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new ValidationException("note", Messages.Review_CommentRequired);
        Status = Transitions.Move(Status, MemberStatus.Rejected, Messages.Action_Return, MemberStatus.Applied);
        (DecidedBy, DecidedAt, DecisionNote) = (by, now, note);
    }

    public void Exit(Guid by, ExitReason reason, string? note, DateTimeOffset now)
    {
        Status = Transitions.Move(Status, MemberStatus.Exited, Messages.Action_ExitPool, MemberStatus.Active);
        (ExitReason, ExitNote, ExitedBy, ExitedAt) = (reason, note, by, now);
    }

    /// <summary>The yearly review: the office confirms the member for a year.</summary>
    public void Confirm(int year)
    {
        Transitions.Move(Status, Status, Messages.Action_ConfirmYear, MemberStatus.Active);
        ConfirmedYear = year;
    }

    public void LinkAccount(Guid? userId) => UserId = userId;

    /// <summary>Proposed for groups only when active and confirmed for the year.</summary>
    public bool IsAvailable(int year) => Status == MemberStatus.Active && ConfirmedYear >= year;
}

/// <summary>A rank of the configurable list; level orders them (higher is more senior).</summary>
public sealed class PoolRank : IVersioned
{
    public const int NameMax = 20;

    private PoolRank() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Level { get; private set; }
    public bool IsActive { get; private set; }
    public uint Version { get; private set; }

    public static PoolRank Create(Guid id, string name, int level) => new() { Id = id, Name = name, Level = level, IsActive = true };

    public void Update(string name, int level, bool active) => (Name, Level, IsActive) = (name, level, active);
}

public sealed class PoolProfession : IVersioned
{
    public const int NameMax = 20;

    private PoolProfession() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }
    public uint Version { get; private set; }

    public static PoolProfession Create(Guid id, string name, int sortOrder) => new() { Id = id, Name = name, SortOrder = sortOrder, IsActive = true };

    public void Update(string name, int sortOrder, bool active) => (Name, SortOrder, IsActive) = (name, sortOrder, active);
}

public sealed class PoolMemberProfession
{
    private PoolMemberProfession() { }

    public Guid MemberId { get; private set; }
    public Guid ProfessionId { get; private set; }

    public static PoolMemberProfession Of(Guid memberId, Guid professionId) => new() { MemberId = memberId, ProfessionId = professionId };
}

/// <summary>
/// An avoidance relation: an organisation the member worked in (from–to), where a relative works, or with
/// which the member declared a conflict of interest.
/// </summary>
public sealed class PoolRelation
{
    public const int PersonMax = 50, RelationMax = 20, NoteMax = 500;

    private PoolRelation() { }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public RelationKind Kind { get; private set; }
    public Guid OrganizationId { get; private set; }
    public DateOnly? FromDate { get; private set; }
    public DateOnly? ToDate { get; private set; }
    public string? PersonName { get; private set; }
    public string? Relation { get; private set; }
    public string? Note { get; private set; }

    public static PoolRelation Of(Guid id, Guid memberId, RelationKind kind, Guid organizationId, DateOnly? from, DateOnly? to,
        string? person, string? relation, string? note) => new()
    {
        Id = id, MemberId = memberId, Kind = kind, OrganizationId = organizationId, FromDate = from, ToDate = to,
        PersonName = person, Relation = relation, Note = note,
    };
}

public sealed class PoolTraining
{
    public const int CourseMax = 100;

    private PoolTraining() { }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public string Course { get; private set; } = "";
    public TrainingKind Kind { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Hours { get; private set; }

    public static PoolTraining Of(Guid id, Guid memberId, string course, TrainingKind kind, DateOnly date, decimal hours) =>
        new() { Id = id, MemberId = memberId, Course = course, Kind = kind, Date = date, Hours = hours };
}

/// <summary>A recommendation to a higher-level inspection (省委巡视, 省教育厅党组巡察…): “以干代训”.</summary>
public sealed class PoolRecommendation
{
    public const int BodyMax = 100, NoteMax = 500;

    private PoolRecommendation() { }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public string Body { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string? Note { get; private set; }

    public static PoolRecommendation Of(Guid id, Guid memberId, string body, DateOnly date, string? note) =>
        new() { Id = id, MemberId = memberId, Body = body, Date = date, Note = note };
}

/// <summary>鉴定 after a round: the group leader's grade and comment, and the office's final grade and comment.</summary>
public sealed class PoolAppraisal : IVersioned
{
    public const int CommentMax = 1000;

    private PoolAppraisal() { }

    public Guid RoundId { get; private set; }
    public Guid MemberId { get; private set; }
    public AppraisalGrade? LeaderGrade { get; private set; }
    public string? LeaderComment { get; private set; }
    public Guid? LeaderBy { get; private set; }
    public AppraisalGrade? OfficeGrade { get; private set; }
    public string? OfficeComment { get; private set; }
    public Guid? OfficeBy { get; private set; }
    public uint Version { get; private set; }

    public static PoolAppraisal For(Guid roundId, Guid memberId) => new() { RoundId = roundId, MemberId = memberId };

    public void ByLeader(AppraisalGrade? grade, string? comment, Guid by) => (LeaderGrade, LeaderComment, LeaderBy) = (grade, comment, by);

    public void ByOffice(AppraisalGrade? grade, string? comment, Guid by) => (OfficeGrade, OfficeComment, OfficeBy) = (grade, comment, by);

    /// <summary>The grade that counts: the office's, else the leader's.</summary>
    public AppraisalGrade? Final => OfficeGrade ?? LeaderGrade;
}
