namespace Xuncha.Pool;

/// <summary>申请中 → 在库, or 未通过; 在库 → 已出库 (with a reason). Exited members keep their history.</summary>
public enum MemberStatus
{
    Applied,
    Active,
    Rejected,
    Exited,
}

/// <summary>How a member came to the pool (seed 004: 个人自荐、基层党组织推荐、相关部门研究确定).</summary>
public enum EntryRoute
{
    SelfRecommended,
    OrganizationRecommended,
    OfficeDecided,
}

public enum ExitReason
{
    Violation,
    Underperformance,
    Retired,
    Transferred,
    Personal,
}

/// <summary>What ties a member to an organisation they must not inspect (besides their own).</summary>
public enum RelationKind
{
    PastOrganization,
    Relative,
    Conflict,
}

/// <summary>Seed 004's five courses (“五门课”).</summary>
public enum TrainingKind
{
    TheoryPolicy,
    PartyDiscipline,
    Practice,
    Regulations,
    TargetBriefing,
}

/// <summary>鉴定等次.</summary>
public enum AppraisalGrade
{
    Excellent,
    Competent,
    BasicallyCompetent,
    Incompetent,
}
