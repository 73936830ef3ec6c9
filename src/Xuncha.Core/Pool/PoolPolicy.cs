using Xuncha.Common;

namespace Xuncha.Pool;

/// <summary>
/// Each committee's rules for forming groups, kept by the office. Hard limits (the leader's rank, group size,
/// how long a past organisation still counts for avoidance) and the weights of the goals the proposal
/// balances (professions covered, 以老带新, 专兼结合, fair participation, diverse home organisations).
/// </summary>
public sealed class PoolPolicy : IVersioned
{
    public static readonly Guid PartyBuilding = new("00000000-0000-7000-8000-000000000401");
    public static readonly Guid DisciplineInspection = new("00000000-0000-7000-8000-000000000402");
    public static readonly Guid Finance = new("00000000-0000-7000-8000-000000000404");
    public static readonly Guid Audit = new("00000000-0000-7000-8000-000000000405");

    private PoolPolicy() { }

    public Guid CommitteeId { get; private set; }

    /// <summary>The 组长 must hold a rank of at least this level (4 = 副处 in the shipped list).</summary>
    public int LeaderMinLevel { get; private set; } = 4;
    public int GroupMinSize { get; private set; } = 5;
    public int GroupMaxSize { get; private set; } = 7;

    /// <summary>A past organisation counts for avoidance until this many years after the member left it.</summary>
    public int AvoidanceYears { get; private set; } = 5;

    /// <summary>At most this share of a group's members may be appraised 优秀.</summary>
    public int ExcellentPercent { get; private set; } = 20;

    /// <summary>Participation is counted over this many recent years (fairness, and “unused for N years”).</summary>
    public int RecentYears { get; private set; } = 3;

    public List<Guid> RequiredProfessionIds { get; private set; } = [PartyBuilding, Finance, Audit, DisciplineInspection];
    public int WeightCoverage { get; private set; } = 40;
    public int WeightMentoring { get; private set; } = 20;
    public int WeightMix { get; private set; } = 10;
    public int WeightFairness { get; private set; } = 20;
    public int WeightDiversity { get; private set; } = 10;
    public uint Version { get; private set; }

    public static PoolPolicy Default(Guid committeeId) => new() { CommitteeId = committeeId };

    public sealed record Weights(int Coverage, int Mentoring, int Mix, int Fairness, int Diversity)
    {
        public int Total => Coverage + Mentoring + Mix + Fairness + Diversity;
    }

    public Weights GoalWeights => new(WeightCoverage, WeightMentoring, WeightMix, WeightFairness, WeightDiversity);

    public void Update(int leaderMinLevel, int groupMinSize, int groupMaxSize, int avoidanceYears, int excellentPercent, int recentYears,
        IReadOnlyList<Guid> requiredProfessions, Weights w)
    {
        var v = new Validator();
        if (leaderMinLevel is < 0 or > 100) v.Add("leaderMinLevel", string.Format(Messages.Error_Range, 0, 100));
        if (groupMinSize is < 2 or > 20) v.Add("groupMinSize", string.Format(Messages.Error_Range, 2, 20));
        if (groupMaxSize is < 2 or > 30) v.Add("groupMaxSize", string.Format(Messages.Error_Range, 2, 30));
        else if (groupMaxSize < groupMinSize) v.Add("groupMaxSize", Messages.Pool_MaxBelowMin);
        if (avoidanceYears is < 0 or > 30) v.Add("avoidanceYears", string.Format(Messages.Error_Range, 0, 30));
        if (excellentPercent is < 0 or > 100) v.Add("excellentPercent", string.Format(Messages.Error_Range, 0, 100));
        if (recentYears is < 1 or > 10) v.Add("recentYears", string.Format(Messages.Error_Range, 1, 10));
        if (requiredProfessions.Count != requiredProfessions.Distinct().Count()) v.Add("requiredProfessionIds", Messages.Pool_DuplicateProfession);
        foreach (var (name, value) in new[] { ("weightCoverage", w.Coverage), ("weightMentoring", w.Mentoring), ("weightMix", w.Mix),
                     ("weightFairness", w.Fairness), ("weightDiversity", w.Diversity) })
            if (value is < 0 or > 100) v.Add(name, string.Format(Messages.Error_Range, 0, 100));
        if (v.IsValid && w.Total == 0) v.Add("weightCoverage", Messages.Pool_WeightsAllZero);
        v.ThrowIfInvalid();
        (LeaderMinLevel, GroupMinSize, GroupMaxSize, AvoidanceYears, ExcellentPercent, RecentYears) =
            (leaderMinLevel, groupMinSize, groupMaxSize, avoidanceYears, excellentPercent, recentYears);
        RequiredProfessionIds = requiredProfessions.ToList();
        (WeightCoverage, WeightMentoring, WeightMix, WeightFairness, WeightDiversity) = (w.Coverage, w.Mentoring, w.Mix, w.Fairness, w.Diversity);
    }
}
