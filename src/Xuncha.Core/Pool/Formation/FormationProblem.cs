using System.Numerics;

namespace Xuncha.Pool.Formation;

/// <summary>
/// The formation problem in arrays: candidates × targets conflicts, profession bit masks, home units, the
/// goal of one group as a number. Shared by the solver, the greedy baseline and the scorer of edited groups.
/// </summary>
internal sealed class FormationProblem
{
    public FormationInput Input { get; }
    public FormationSettings S => Input.Settings;
    public int C { get; }
    public int T { get; }
    public FormationCandidate[] Candidates { get; }
    public FormationTarget[] Targets { get; }

    /// <summary>conflict[c * T + t]: c may not inspect target t.</summary>
    public bool[] ConflictT { get; }

    /// <summary>Bits of the required professions each candidate has.</summary>
    public ulong[] Required { get; }
    public ulong AllRequired { get; }
    public int RequiredCount { get; }
    public int[] Unit { get; }
    public bool[] Veteran { get; }
    public bool[] FullTime { get; }
    public int[] Recent { get; }
    public bool[] LeaderCapable { get; }
    public double FairnessCap { get; }
    public Dictionary<Guid, int> IndexOf { get; } = [];

    public FormationProblem(FormationInput input)
    {
        Input = input;
        // a stable order, whatever order the caller loaded them in: the same input gives the same proposal
        Candidates = input.Candidates.OrderBy(c => c.Id).ToArray();
        Targets = input.Targets.ToArray();
        C = Candidates.Length;
        T = Targets.Length;
        var req = input.Settings.RequiredProfessions.Select(p => p.Id).ToList();
        if (req.Count > 64) throw new Common.ValidationException("requiredProfessionIds", Messages.Pool_TooManyRequired);
        RequiredCount = req.Count;
        AllRequired = req.Count == 64 ? ulong.MaxValue : (1UL << req.Count) - 1;
        ConflictT = new bool[C * T];
        Required = new ulong[C];
        Unit = new int[C];
        Veteran = new bool[C];
        FullTime = new bool[C];
        Recent = new int[C];
        LeaderCapable = new bool[C];
        var units = new Dictionary<string, int>();
        for (var c = 0; c < C; c++)
        {
            var x = Candidates[c];
            IndexOf[x.Id] = c;
            for (var t = 0; t < T; t++)
            {
                var path = Targets[t].Path;
                foreach (var tie in x.Ties)
                    if (HardRules.Related(tie.Path, path)) { ConflictT[c * T + t] = true; break; }
            }
            foreach (var p in x.Professions)
            {
                var i = req.IndexOf(p);
                if (i >= 0) Required[c] |= 1UL << i;
            }
            var unit = TopUnit(x.HomePath);
            if (!units.TryGetValue(unit, out var u)) units[unit] = u = units.Count;
            Unit[c] = u;
            Veteran[c] = x.IsVeteran;
            FullTime[c] = x.FullTime;
            Recent[c] = x.RecentTours;
            LeaderCapable[c] = x.LeaderEligible && x.RankLevel >= input.Settings.LeaderMinLevel;
        }
        FairnessCap = Math.Max(1, Candidates.Length == 0 ? 1 : Candidates.Max(c => c.RecentTours));
    }

    /// <summary>The secondary organisation (the level under the committee) a home belongs to: two branches of 财务处 are one unit.</summary>
    private static string TopUnit(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[1] : path;
    }

    public bool Conflicts(int c, IReadOnlyList<int> targets)
    {
        var row = c * T;
        foreach (var t in targets)
            if (ConflictT[row + t]) return true;
        return false;
    }

    public bool CanLead(int c, IReadOnlyList<int> targets)
    {
        if (!LeaderCapable[c] || Conflicts(c, targets)) return false;
        var id = Candidates[c].Id;
        foreach (var t in targets)
            if (Targets[t].PreviousLeaderId == id) return false;
        return true;
    }

    /// <summary>
    /// One group's goals, in points (the weights are the maxima): professions covered, 以老带新 (a veteran and
    /// a first-timer), 专兼结合 (full- and part-time), fair participation (few recent tours), diverse home units.
    /// </summary>
    public double Score(IReadOnlyList<int> members, Span<double> parts)
    {
        var w = S.Weights;
        if (members.Count == 0)
        {
            parts.Clear();
            return 0;
        }
        ulong mask = 0;
        bool vet = false, fresh = false, full = false, part = false;
        double load = 0;
        Span<int> seen = stackalloc int[Math.Min(members.Count, 64)];
        var distinct = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var c = members[i];
            mask |= Required[c];
            if (Veteran[c]) vet = true; else fresh = true;
            if (FullTime[c]) full = true; else part = true;
            load += Math.Min(Recent[c], FairnessCap) / FairnessCap;
            var u = Unit[c];
            var dup = false;
            for (var j = 0; j < distinct; j++)
                if (seen[j] == u) { dup = true; break; }
            if (!dup && distinct < seen.Length) seen[distinct++] = u;
        }
        parts[0] = RequiredCount == 0 ? w.Coverage : w.Coverage * (double)BitOperations.PopCount(mask & AllRequired) / RequiredCount;
        parts[1] = w.Mentoring * ((vet ? 0.5 : 0) + (fresh ? 0.5 : 0));
        parts[2] = full && part ? w.Mix : 0;
        parts[3] = w.Fairness * (1 - load / members.Count);
        parts[4] = w.Diversity * (double)distinct / members.Count;
        return parts[0] + parts[1] + parts[2] + parts[3] + parts[4];
    }

    public double Score(IReadOnlyList<int> members)
    {
        Span<double> parts = stackalloc double[5];
        return Score(members, parts);
    }

    /// <summary>The proposal's score on 0–100: the groups' points over their maximum.</summary>
    public double Total(IReadOnlyList<IReadOnlyList<int>> groups)
    {
        if (groups.Count == 0 || S.Weights.Total == 0) return 0;
        var sum = 0.0;
        foreach (var g in groups) sum += Score(g);
        return 100.0 * sum / (groups.Count * S.Weights.Total);
    }
}
