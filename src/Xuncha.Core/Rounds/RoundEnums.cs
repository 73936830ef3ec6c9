namespace Xuncha.Rounds;

/// <summary>The stages of a round, in order (草稿 … 已完成).</summary>
public enum RoundStatus
{
    Draft,
    PendingApproval,
    Approved,
    InField,
    Reporting,
    FedBack,
    Rectifying,
    Completed,
}

public enum RoundType
{
    Regular,
    Special,
    LookBack,
    AdHoc,
}

public enum GroupRole
{
    Leader,
    Deputy,
    Member,
}
