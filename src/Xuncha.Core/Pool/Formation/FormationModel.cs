namespace Xuncha.Pool.Formation;

/// <summary>Why a person may not inspect an organisation, or may not hold a place in a group.</summary>
public enum FormationRule
{
    HomeOrganization,
    PastOrganization,
    Relative,
    DeclaredConflict,
    NotLeaderEligible,
    RankTooLow,
    LedLastTime,
    GroupTooSmall,
    GroupTooLarge,
    InTwoGroups,
    NotInPool,
    NoLeader,

    /// <summary>In a group of another round whose fieldwork is not over and overlaps this one's dates.</summary>
    Busy,
}

/// <summary>A goal the proposal balances (weighted by the committee's policy).</summary>
public enum FormationGoal
{
    Coverage,
    Mentoring,
    Mix,
    Fairness,
    Diversity,
}

/// <summary>An organisation a person is tied to: their own (Kind null), a past one, a relative's, a declared conflict.</summary>
public sealed record FormationTie(RelationKind? Kind, Guid OrganizationId, string OrganizationName, string Path, string Detail);

/// <summary>A pool member as the solver sees them.</summary>
public sealed record FormationCandidate(
    Guid Id, string Name, Guid HomeId, string HomeName, string HomePath, int RankLevel, string RankName, bool LeaderEligible, bool FullTime,
    IReadOnlyList<Guid> Professions, int TotalTours, int RecentTours, IReadOnlyList<FormationTie> Ties, string? Busy = null)
{
    public bool IsVeteran => TotalTours > 0;
}

/// <summary>An organisation to inspect, and who led its group the last time it was inspected (for rotation).</summary>
public sealed record FormationTarget(Guid Id, Guid OrganizationId, string Name, string Path, Guid? PreviousLeaderId = null, string? PreviousRound = null);

public sealed record FormationSettings(
    int LeaderMinLevel, string LeaderMinRankName, int MinSize, int MaxSize, int AvoidanceYears,
    IReadOnlyList<(Guid Id, string Name)> RequiredProfessions, PoolPolicy.Weights Weights, IReadOnlyDictionary<Guid, string> ProfessionNames);

/// <summary>Someone in the pool the solver will not propose (not confirmed for the year, say), and why.</summary>
public sealed record FormationUnavailable(Guid Id, string Name, string Reason);

/// <summary>
/// What to form: the candidates, the targets, the rules; and either a number of groups (the solver splits
/// the targets) or the office's own grouping of targets (lists of target ids).
/// </summary>
public sealed record FormationInput(
    IReadOnlyList<FormationCandidate> Candidates, IReadOnlyList<FormationTarget> Targets, FormationSettings Settings,
    int? GroupCount, IReadOnlyList<IReadOnlyList<Guid>>? Grouping, IReadOnlyList<FormationUnavailable>? Unavailable = null);

public enum ProposedRole
{
    Leader,
    Deputy,
    Member,
}

public sealed record ProposedMember(Guid Id, string Name, string Home, string Rank, ProposedRole Role, IReadOnlyList<string> Professions,
    bool FullTime, int TotalTours, int RecentTours, IReadOnlyList<string> Reasons);

public sealed record GoalScore(FormationGoal Goal, double Points, double Max);

public sealed record ProposedGroup(
    int Number, IReadOnlyList<FormationTarget> Targets, IReadOnlyList<ProposedMember> Members, double Score, IReadOnlyList<GoalScore> Goals,
    IReadOnlyList<string> UnmetGoals);

public sealed record Exclusion(Guid CandidateId, string Name, FormationRule Rule, string Detail);

/// <summary>For one target: who may not inspect it, grouped by rule.</summary>
public sealed record TargetExclusions(Guid TargetId, string Target, IReadOnlyList<Exclusion> Excluded)
{
    public IReadOnlyDictionary<FormationRule, int> Counts => Excluded.GroupBy(e => e.Rule).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>
/// A proposal: the groups with the reason for every choice, the goals not met and why, who was excluded
/// from each target and by which rule; its score (0–100) beside a plain greedy first fit's.
/// </summary>
public sealed record FormationProposal(
    IReadOnlyList<ProposedGroup> Groups, double Score, double? GreedyScore, string GreedyNote, IReadOnlyList<TargetExclusions> Exclusions,
    IReadOnlyList<FormationUnavailable> Unavailable, int Candidates, long Iterations);

/// <summary>The people behind one count of an impossibility: who, under which rule.</summary>
public sealed record PeopleByRule(string Rule, IReadOnlyList<string> Names);

/// <summary>One reason a proposal is impossible, and the people it counts.</summary>
public sealed record Impossibility(string Reason, IReadOnlyList<PeopleByRule> People)
{
    public static implicit operator Impossibility(string reason) => new(reason, []);
}

/// <summary>Constraints that cannot all hold: what is impossible and why, with the people named; never a partial answer.</summary>
public sealed class FormationImpossibleException(IReadOnlyList<Impossibility> details)
    : Common.DomainException(Messages.Formation_Impossible + " " + string.Join("；", details.Select(d => d.Reason)))
{
    public IReadOnlyList<string> Reasons { get; } = details.Select(d => d.Reason).ToList();
    public IReadOnlyList<Impossibility> Details { get; } = details;
}

/// <summary>A hard rule a group breaks: who, where, which rule.</summary>
public sealed record Violation(FormationRule Rule, Guid? CandidateId, string Message);
