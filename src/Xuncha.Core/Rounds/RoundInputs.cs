namespace Xuncha.Rounds;

public sealed record RoundInput(
    Guid? CommitteeId, Guid? TermId, int? Year, int? Ordinal, string? Name, RoundType? Type, string? Theme, string? FocusPoints,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, Guid? TaxonomyId);

public sealed record GroupInput(string? Name, Guid? LeaderId, IReadOnlyList<Guid>? DeputyIds, IReadOnlyList<Guid>? MemberIds, IReadOnlyList<Guid>? TargetIds);

public sealed record RoundFilter(RoundStatus? Status = null, int? Year = null, string? Search = null);

/// <summary>What a new round's form starts with: the committee, its current term, the next ordinal of the year.</summary>
public sealed record RoundDefaults(Guid CommitteeId, string CommitteeName, Guid? TermId, string? TermName, int Year, int Ordinal, string Name, Guid TaxonomyId);
