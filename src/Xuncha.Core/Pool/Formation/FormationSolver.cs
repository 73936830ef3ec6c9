using System.Numerics;
using Xuncha.Common;

namespace Xuncha.Pool.Formation;

/// <summary>
/// Proposes groups. The targets are split (unless the office grouped them) so that the people each target
/// rules out overlap; leaders are chosen by the assignment problem (Hungarian method); members by a
/// minimum-cost flow that fills each group's missing professions first and prefers those with fewer recent
/// tours; then an iterated local search (replace, add, remove, swap and move members, swap leaders) improves
/// the weighted goals. Every step keeps every hard rule, so no proposal breaks one. The random kicks of the
/// local search are seeded from the input, so the same input gives the same proposal.
/// </summary>
public static class FormationSolver
{
    private const double Eps = 1e-9;

    public static FormationProposal Propose(FormationInput input)
    {
        var p = new FormationProblem(input);
        var partition = Partition(p, out var fixedGrouping);
        var impossible = new List<Impossibility>();
        Check(p, partition, impossible);
        if (impossible.Count > 0) throw new FormationImpossibleException(impossible);

        var seed = Seed(p, partition.Length);
        State? state = null;
        var tries = fixedGrouping ? 1 : 12;
        var rng = new Random(seed);
        for (var attempt = 0; attempt < tries && state is null; attempt++)
        {
            if (attempt > 0) partition = Partition(p, out _, rng);
            state = Initial(p, partition, attempt == tries - 1 ? impossible : null);
        }
        if (state is null) throw new FormationImpossibleException(impossible.Count > 0 ? impossible : [(Impossibility)Messages.Formation_NoFeasible]);

        var search = new LocalSearch(p, state, rng);
        search.Run();
        var greedy = Greedy(p, partition, out var greedyNote);
        return Explain.Build(p, search.Best, greedy, greedyNote, search.Iterations);
    }

    /// <summary>The score (0–100) of groups the office wrote or edited, on the same goals as a proposal.</summary>
    public static (double Score, IReadOnlyList<GoalScore> Goals) ScoreOf(FormationInput input, IReadOnlyList<Guid> members)
    {
        var p = new FormationProblem(input);
        var idx = members.Where(p.IndexOf.ContainsKey).Select(id => p.IndexOf[id]).ToList();
        var parts = new double[5];
        var score = p.Score(idx, parts);
        var w = input.Settings.Weights;
        double[] max = [w.Coverage, w.Mentoring, w.Mix, w.Fairness, w.Diversity];
        var goals = Enumerable.Range(0, 5).Select(i => new GoalScore((FormationGoal)i, Math.Round(parts[i], 2), max[i])).ToList();
        return (w.Total == 0 ? 0 : Math.Round(100 * score / w.Total, 1), goals);
    }

    /// <summary>One group as the office wrote or edited it: its targets and people by role.</summary>
    public sealed record Drafted(IReadOnlyList<Guid> Targets, Guid? Leader, IReadOnlyList<Guid> Deputies, IReadOnlyList<Guid> Members);

    /// <summary>
    /// Edited groups explained as a proposal is: each member's reasons, the goals missed and why, each group's score
    /// and the whole's. People unknown to the input (no longer in the pool) are left out; a group without a leader
    /// is explained with its first member in front.
    /// </summary>
    public static FormationProposal ExplainGroups(FormationInput input, IReadOnlyList<Drafted> groups)
    {
        var p = new FormationProblem(input);
        var index = p.Targets.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var g = groups.Count;
        var partition = groups.Select(d => d.Targets.Where(index.ContainsKey).Select(t => index[t]).ToArray()).ToArray();
        var assigned = Enumerable.Repeat(-1, p.C).ToArray();
        var deputies = new HashSet<int>();
        var members = new List<int>[g];
        for (var i = 0; i < g; i++)
        {
            var d = groups[i];
            var everyone = (d.Leader is { } l ? new[] { l } : []).Concat(d.Deputies).Concat(d.Members).Where(p.IndexOf.ContainsKey).Select(id => p.IndexOf[id]).Distinct();
            members[i] = everyone.Where(c => assigned[c] < 0).ToList();
            foreach (var c in members[i]) assigned[c] = i;
            deputies.UnionWith(d.Deputies.Where(p.IndexOf.ContainsKey).Select(id => p.IndexOf[id]));
        }
        var usable = new bool[p.C * g];
        var leads = new bool[p.C * g];
        for (var c = 0; c < p.C; c++)
            for (var i = 0; i < g; i++)
            {
                usable[c * g + i] = !p.Conflicts(c, partition[i]);
                leads[c * g + i] = usable[c * g + i] && p.CanLead(c, partition[i]);
            }
        var state = new State { Targets = partition, Members = members, Assigned = assigned, Usable = usable, Leads = leads };
        return Explain.Build(p, state, null, "", 0, deputies);
    }

    // ── Targets into groups ──────────────────────────────────────────────────────────────────────────

    private static int[][] Partition(FormationProblem p, out bool fixedGrouping, Random? shuffle = null)
    {
        var input = p.Input;
        if (input.Grouping is { } grouping)
        {
            fixedGrouping = true;
            var index = p.Targets.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var seen = new HashSet<Guid>();
            var v = new Validator();
            foreach (var id in grouping.SelectMany(g => g))
                if (!index.ContainsKey(id)) v.Add("grouping", Messages.Formation_UnknownTarget);
                else if (!seen.Add(id)) v.Add("grouping", Messages.Formation_TargetTwice);
            if (grouping.Any(g => g.Count == 0)) v.Add("grouping", Messages.Formation_EmptyGroup);
            if (v.IsValid && seen.Count != p.T) v.Add("grouping", Messages.Formation_TargetMissing);
            v.ThrowIfInvalid();
            return grouping.Select(g => g.Select(id => index[id]).ToArray()).ToArray();
        }
        fixedGrouping = false;
        var count = input.GroupCount ?? throw new ValidationException("groups", Messages.Error_Required);
        if (count < 1) throw new ValidationException("groups", string.Format(Messages.Error_Range, 1, Math.Max(1, p.T)));
        if (p.T == 0) throw new ValidationException("groups", Messages.Round_NeedsTargets);
        if (count > p.T) throw new ValidationException("groups", string.Format(Messages.Formation_MoreGroupsThanTargets, count, p.T));

        // hardest targets first (the ones that rule out most people); each to the group it costs fewest new exclusions
        var excluded = new int[p.T];
        for (var t = 0; t < p.T; t++)
            for (var c = 0; c < p.C; c++)
                if (p.ConflictT[c * p.T + t]) excluded[t]++;
        var order = Enumerable.Range(0, p.T).OrderByDescending(t => excluded[t]).ThenBy(t => p.Targets[t].Path, StringComparer.Ordinal).ToArray();
        if (shuffle is not null) order = order.OrderBy(_ => shuffle.Next()).ToArray();
        var cap = (p.T + count - 1) / count;
        var groups = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var blocked = Enumerable.Range(0, count).Select(_ => new bool[p.C]).ToArray();
        foreach (var t in order)
        {
            var best = -1;
            var bestCost = int.MaxValue;
            for (var g = 0; g < count; g++)
            {
                if (groups[g].Count >= cap) continue;
                var cost = 0;
                for (var c = 0; c < p.C; c++)
                    if (p.ConflictT[c * p.T + t] && !blocked[g][c]) cost++;
                // keep groups even: an emptier group wins a tie
                if (cost < bestCost || (cost == bestCost && groups[g].Count < groups[best].Count)) (best, bestCost) = (g, cost);
            }
            groups[best].Add(t);
            for (var c = 0; c < p.C; c++)
                if (p.ConflictT[c * p.T + t]) blocked[best][c] = true;
        }
        return groups.Select(g => g.OrderBy(t => t).ToArray()).ToArray();
    }

    /// <summary>What is impossible whatever the solver does: too few people, no leader for a group.</summary>
    private static void Check(FormationProblem p, int[][] partition, List<Impossibility> reasons)
    {
        var s = p.S;
        var g = partition.Length;
        var unavailable = p.Input.Unavailable ?? [];
        if (p.C < g * s.MinSize)
            reasons.Add(new Impossibility(string.Format(Messages.Formation_TooFewPeople, g, s.MinSize, g * s.MinSize, p.C, unavailable.Count),
                [.. unavailable.GroupBy(u => u.Reason).Select(x => new PeopleByRule(x.Key, x.Select(u => u.Name).ToList()))]));
        for (var i = 0; i < g; i++)
        {
            var targets = partition[i];
            var leaders = Enumerable.Range(0, p.C).Count(c => p.CanLead(c, targets));
            if (leaders == 0) reasons.Add(LeaderShortage(p, i, targets));
            var usable = Enumerable.Range(0, p.C).Where(c => !p.Conflicts(c, targets)).ToList();
            if (usable.Count < s.MinSize)
                reasons.Add(new Impossibility(string.Format(Messages.Formation_GroupTooFewUsable, GroupName(i), Names(p, targets), usable.Count, s.MinSize),
                [
                    new PeopleByRule(Messages.Formation_PeopleUsable, usable.Select(c => p.Candidates[c].Name).ToList()),
                    .. Avoiding(p, targets),
                ]));
        }
    }

    /// <summary>Who must avoid these targets, by rule (home, past organisation, relative, declared conflict).</summary>
    private static IEnumerable<PeopleByRule> Avoiding(FormationProblem p, int[] targets) =>
        Enumerable.Range(0, p.C)
            .SelectMany(c => targets.SelectMany(t => HardRules.Conflicts(p.Candidates[c], p.Targets[t])).Take(1))
            .GroupBy(e => e.Rule)
            .Select(x => new PeopleByRule(Labels.Of(x.Key), x.Select(e => e.Name).Distinct().ToList()));

    internal static string GroupName(int i) => string.Format(Messages.Group_DefaultName, Numerals.Chinese(i + 1));

    internal static string Names(FormationProblem p, IEnumerable<int> targets) => string.Join("、", targets.Select(t => p.Targets[t].Name));

    private static Impossibility LeaderShortage(FormationProblem p, int group, int[] targets)
    {
        List<string> notEligible = [], rank = [], avoid = [], rotation = [];
        for (var c = 0; c < p.C; c++)
        {
            var x = p.Candidates[c];
            if (!x.LeaderEligible) notEligible.Add(x.Name);
            else if (x.RankLevel < p.S.LeaderMinLevel) rank.Add(x.Name);
            else if (p.Conflicts(c, targets)) avoid.Add(x.Name);
            else rotation.Add(x.Name);
        }
        return new Impossibility(
            string.Format(Messages.Formation_NoLeader, GroupName(group), Names(p, targets), notEligible.Count, rank.Count, p.S.LeaderMinRankName, avoid.Count, rotation.Count),
            new PeopleByRule[]
            {
                new(Labels.Of(FormationRule.NotLeaderEligible), notEligible), new(Labels.Of(FormationRule.RankTooLow), rank),
                new(Messages.Formation_PeopleAvoiding, avoid), new(Labels.Of(FormationRule.LedLastTime), rotation),
            }.Where(x => x.Names.Count > 0).ToList());
    }

    private static int Seed(FormationProblem p, int groups)
    {
        var h = new HashCode();
        h.Add(groups);
        // string hashes are randomised per process; hash the bytes of the ids instead
        ulong fnv = 1469598103934665603UL;
        foreach (var id in p.Candidates.Select(c => c.Id).Concat(p.Targets.Select(t => t.Id)))
            foreach (var b in id.ToByteArray())
                fnv = (fnv ^ b) * 1099511628211UL;
        return (int)(fnv ^ (fnv >> 32) ^ (ulong)groups);
    }

    // ── A first feasible solution: leaders by assignment, members by min-cost flow ───────────────────

    internal sealed class State
    {
        public required int[][] Targets;
        public required List<int>[] Members; // the leader first
        public required int[] Assigned;      // group of each candidate, or -1
        public required bool[] Usable;       // [c * G + g]: no avoidance conflict with the group's targets
        public required bool[] Leads;        // [c * G + g]: may lead the group

        public int G => Members.Length;

        public State Clone() => new()
        {
            Targets = Targets, Usable = Usable, Leads = Leads,
            Members = Members.Select(m => new List<int>(m)).ToArray(), Assigned = (int[])Assigned.Clone(),
        };
    }

    private static State? Initial(FormationProblem p, int[][] partition, List<Impossibility>? reasons)
    {
        var g = partition.Length;
        var s = p.S;
        var usable = new bool[p.C * g];
        var leads = new bool[p.C * g];
        for (var c = 0; c < p.C; c++)
            for (var i = 0; i < g; i++)
            {
                usable[c * g + i] = !p.Conflicts(c, partition[i]);
                leads[c * g + i] = usable[c * g + i] && p.CanLead(c, partition[i]);
            }

        // leaders: the assignment problem over the leader-capable, preferring fewer recent tours
        var capable = Enumerable.Range(0, p.C).Where(c => p.LeaderCapable[c]).ToArray();
        var cost = new double[g, capable.Length];
        for (var i = 0; i < g; i++)
            for (var k = 0; k < capable.Length; k++)
                cost[i, k] = leads[capable[k] * g + i] ? p.Recent[capable[k]] * 10.0 - p.Candidates[capable[k]].RankLevel * 0.01 : Hungarian.Infinity;
        var chosen = Hungarian.Solve(cost);
        if (chosen is null)
        {
            reasons?.Add(new Impossibility(string.Format(Messages.Formation_LeadersClash, g),
                capable.Select(c => new PeopleByRule(p.Candidates[c].Name,
                    Enumerable.Range(0, g).Where(i => leads[c * g + i]).Select(i => GroupName(i)).DefaultIfEmpty(Messages.Formation_LeadsNone).ToList())).ToList()));
            return null;
        }
        var assigned = Enumerable.Repeat(-1, p.C).ToArray();
        var members = new List<int>[g];
        for (var i = 0; i < g; i++)
        {
            var leader = capable[chosen[i]];
            members[i] = [leader];
            assigned[leader] = i;
        }

        // members: a min-cost flow; a slot per required profession the leader lacks, the rest general
        const long Base = 10_000, Bonus = 5_000;
        var req = p.RequiredCount;
        var need = new int[g];
        for (var i = 0; i < g; i++) need[i] = s.MinSize - 1;
        var pool = Enumerable.Range(0, p.C).Where(c => assigned[c] < 0 && Enumerable.Range(0, g).Any(i => usable[c * g + i])).ToArray();
        // nodes: source, candidates, (group, profession) slots, general slots, groups, sink
        var source = 0;
        var candBase = 1;
        var slotBase = candBase + pool.Length;
        var generalBase = slotBase + g * req;
        var groupBase = generalBase + g;
        var sink = groupBase + g;
        var flow = new MinCostFlow(sink + 1);
        var arcs = new List<(int Arc, int Candidate, int Group)>();
        for (var k = 0; k < pool.Length; k++)
        {
            var c = pool[k];
            flow.Add(source, candBase + k, 1, 0);
            var fairness = p.Recent[c] * 200L;
            for (var i = 0; i < g; i++)
            {
                if (!usable[c * g + i]) continue;
                var lacking = p.AllRequired & ~p.Required[members[i][0]];
                var bits = p.Required[c] & lacking;
                while (bits != 0)
                {
                    var b = BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    arcs.Add((flow.Add(candBase + k, slotBase + i * req + b, 1, Base + fairness - Bonus), c, i));
                }
                arcs.Add((flow.Add(candBase + k, generalBase + i, 1, Base + fairness), c, i));
            }
        }
        for (var i = 0; i < g; i++)
        {
            for (var b = 0; b < req; b++) flow.Add(slotBase + i * req + b, groupBase + i, 1, 0);
            flow.Add(generalBase + i, groupBase + i, need[i], 0);
            flow.Add(groupBase + i, sink, need[i], 0);
        }
        var wanted = need.Sum();
        var got = flow.Run(source, sink, wanted);
        if (got < wanted)
        {
            reasons?.Add(new Impossibility(string.Format(Messages.Formation_MembersShort, wanted, got),
                Enumerable.Range(0, g).Select(i => new PeopleByRule(string.Format(Messages.Formation_UsableIn, GroupName(i), Names(p, partition[i])),
                    pool.Where(c => usable[c * g + i]).Select(c => p.Candidates[c].Name).ToList())).ToList()));
            return null;
        }
        foreach (var (arc, c, i) in arcs)
            if (flow.Flow(arc) > 0)
            {
                members[i].Add(c);
                assigned[c] = i;
            }
        return new State { Targets = partition, Members = members, Assigned = assigned, Usable = usable, Leads = leads };
    }

    // ── The greedy baseline: first fit, for comparison only ──────────────────────────────────────────

    private static double? Greedy(FormationProblem p, int[][] partition, out string note)
    {
        var used = new bool[p.C];
        var groups = new List<IReadOnlyList<int>>();
        for (var i = 0; i < partition.Length; i++)
        {
            var group = new List<int>();
            var leader = Enumerable.Range(0, p.C).FirstOrDefault(c => !used[c] && p.CanLead(c, partition[i]), -1);
            if (leader < 0)
            {
                note = string.Format(Messages.Formation_GreedyFailed, GroupName(i));
                return null;
            }
            group.Add(leader);
            used[leader] = true;
            for (var c = 0; c < p.C && group.Count < p.S.MinSize; c++)
                if (!used[c] && !p.Conflicts(c, partition[i]))
                {
                    group.Add(c);
                    used[c] = true;
                }
            if (group.Count < p.S.MinSize)
            {
                note = string.Format(Messages.Formation_GreedyFailed, GroupName(i));
                return null;
            }
            groups.Add(group);
        }
        note = Messages.Formation_GreedyNote;
        return Math.Round(p.Total(groups), 1);
    }

    // ── Iterated local search ────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Groups are searched as sets: the goals do not depend on who leads, so a group is feasible while it holds
    /// at least one person who may lead it; the leader is chosen at the end (the most senior who may).
    /// </summary>
    private sealed class LocalSearch(FormationProblem p, State start, Random rng)
    {
        private const int Shortlist = 24;
        private State _s = start;
        private double[] _score = [];
        private int[] _leaders = [];

        public State Best { get; private set; } = start;
        public long Iterations { get; private set; }

        private int G => _s.G;

        public void Run()
        {
            Reset();
            Descend();
            var best = _s.Clone();
            var bestTotal = _score.Sum();
            var kicks = G <= 2 ? 120 : G <= 6 ? 60 : 25;
            for (var k = 0; k < kicks; k++)
            {
                Kick();
                Descend();
                var total = _score.Sum();
                if (total > bestTotal + Eps)
                {
                    best = _s.Clone();
                    bestTotal = total;
                }
                else
                {
                    _s = best.Clone();
                    Reset();
                }
            }
            foreach (var (m, g) in best.Members.Select((m, g) => (m, g)))
            {
                var leader = m.Where(c => best.Leads[c * G + g]).OrderByDescending(c => p.Candidates[c].RankLevel).ThenBy(c => p.Recent[c]).ThenBy(c => c).First();
                m.Remove(leader);
                m.Insert(0, leader);
            }
            Best = best;
        }

        private void Reset()
        {
            _score = _s.Members.Select(m => p.Score(m)).ToArray();
            _leaders = _s.Members.Select((m, g) => m.Count(c => Leads(c, g))).ToArray();
        }

        private bool Usable(int c, int g) => _s.Usable[c * G + g];

        private bool Leads(int c, int g) => _s.Leads[c * G + g];

        private int L(int c, int g) => Leads(c, g) ? 1 : 0;

        /// <summary>First-improvement descent over every neighbourhood until none improves.</summary>
        private void Descend()
        {
            var improved = true;
            while (improved)
            {
                improved = false;
                for (var g = 0; g < G; g++)
                    improved |= Within(g);
                for (var a = 0; a < G; a++)
                    for (var b = 0; b < G; b++)
                        if (a != b) improved |= Between(a, b);
            }
        }

        /// <summary>The group against the unused: replace someone, add one, drop one.</summary>
        private bool Within(int g)
        {
            var improved = false;
            var m = _s.Members[g];
            var list = Candidates(g);
            for (var i = 0; i < m.Count; i++)
            {
                foreach (var u in list)
                {
                    var old = m[i];
                    if (_s.Assigned[u] >= 0 || _leaders[g] - L(old, g) + L(u, g) < 1) continue;
                    Iterations++;
                    m[i] = u;
                    var ns = p.Score(m);
                    if (ns > _score[g] + Eps)
                    {
                        _s.Assigned[old] = -1;
                        _s.Assigned[u] = g;
                        _score[g] = ns;
                        _leaders[g] += L(u, g) - L(old, g);
                        improved = true;
                        list = Candidates(g);
                        break;
                    }
                    m[i] = old;
                }
            }
            if (m.Count < p.S.MaxSize)
                foreach (var u in list)
                {
                    if (_s.Assigned[u] >= 0) continue;
                    Iterations++;
                    m.Add(u);
                    var ns = p.Score(m);
                    if (ns > _score[g] + Eps)
                    {
                        _s.Assigned[u] = g;
                        _score[g] = ns;
                        _leaders[g] += L(u, g);
                        improved = true;
                        break;
                    }
                    m.RemoveAt(m.Count - 1);
                }
            for (var i = m.Count - 1; i >= 0 && m.Count > p.S.MinSize; i--)
            {
                var old = m[i];
                if (_leaders[g] - L(old, g) < 1) continue;
                Iterations++;
                m.RemoveAt(i);
                var ns = p.Score(m);
                if (ns > _score[g] + Eps)
                {
                    _s.Assigned[old] = -1;
                    _score[g] = ns;
                    _leaders[g] -= L(old, g);
                    improved = true;
                }
                else m.Insert(i, old);
            }
            return improved;
        }

        /// <summary>Two groups: swap two people, or move one across; each group keeps someone who may lead it.</summary>
        private bool Between(int a, int b)
        {
            var improved = false;
            var ma = _s.Members[a];
            var mb = _s.Members[b];
            for (var i = 0; i < ma.Count; i++)
                for (var j = 0; j < mb.Count; j++)
                {
                    int x = ma[i], y = mb[j];
                    if (!Usable(y, a) || !Usable(x, b)) continue;
                    if (_leaders[a] - L(x, a) + L(y, a) < 1 || _leaders[b] - L(y, b) + L(x, b) < 1) continue;
                    Iterations++;
                    ma[i] = y; mb[j] = x;
                    var na = p.Score(ma);
                    var nb = p.Score(mb);
                    if (na + nb > _score[a] + _score[b] + Eps)
                    {
                        _s.Assigned[x] = b; _s.Assigned[y] = a;
                        (_score[a], _score[b]) = (na, nb);
                        _leaders[a] += L(y, a) - L(x, a);
                        _leaders[b] += L(x, b) - L(y, b);
                        improved = true;
                    }
                    else { ma[i] = x; mb[j] = y; }
                }
            for (var i = ma.Count - 1; i >= 0 && ma.Count > p.S.MinSize && mb.Count < p.S.MaxSize; i--)
            {
                var x = ma[i];
                if (!Usable(x, b) || _leaders[a] - L(x, a) < 1) continue;
                Iterations++;
                ma.RemoveAt(i); mb.Add(x);
                var na = p.Score(ma);
                var nb = p.Score(mb);
                if (na + nb > _score[a] + _score[b] + Eps)
                {
                    _s.Assigned[x] = b;
                    (_score[a], _score[b]) = (na, nb);
                    _leaders[a] -= L(x, a);
                    _leaders[b] += L(x, b);
                    improved = true;
                }
                else { mb.RemoveAt(mb.Count - 1); ma.Insert(i, x); }
            }
            return improved;
        }

        /// <summary>
        /// The unused people worth trying in a group: those who bring a profession it lacks, the veteran or
        /// first-timer or full/part-time it lacks, fewer recent tours, a unit not yet in it — the best few.
        /// </summary>
        private List<int> Candidates(int g)
        {
            var m = _s.Members[g];
            ulong mask = 0;
            bool vet = false, fresh = false, full = false, part = false;
            var units = new HashSet<int>();
            foreach (var c in m)
            {
                mask |= p.Required[c];
                if (p.Veteran[c]) vet = true; else fresh = true;
                if (p.FullTime[c]) full = true; else part = true;
                units.Add(p.Unit[c]);
            }
            var lacking = p.AllRequired & ~mask;
            var top = new PriorityQueue<int, (double, int)>();
            for (var c = 0; c < p.C; c++)
            {
                if (_s.Assigned[c] >= 0 || !Usable(c, g)) continue;
                var prio = 1000.0 * BitOperations.PopCount(p.Required[c] & lacking) + 100.0 * BitOperations.PopCount(p.Required[c])
                           + (!vet && p.Veteran[c] || !fresh && !p.Veteran[c] ? 300 : 0)
                           + (!full && p.FullTime[c] || !part && !p.FullTime[c] ? 200 : 0)
                           + 100.0 * (1 - Math.Min(p.Recent[c], p.FairnessCap) / p.FairnessCap)
                           + (units.Contains(p.Unit[c]) ? 0 : 100)
                           + (Leads(c, g) ? 50 : 0);
                top.Enqueue(c, (prio, -c));
                if (top.Count > Shortlist) top.Dequeue();
            }
            var list = new List<int>(top.Count);
            while (top.TryDequeue(out var c, out _)) list.Add(c);
            list.Reverse();
            return list;
        }

        /// <summary>A few random feasible changes, to leave a local optimum.</summary>
        private void Kick()
        {
            for (var n = 0; n < 3; n++)
            {
                var g = rng.Next(G);
                var m = _s.Members[g];
                if (G > 1 && rng.Next(2) == 0)
                {
                    var h = (g + 1 + rng.Next(G - 1)) % G;
                    var mh = _s.Members[h];
                    int i = rng.Next(m.Count), j = rng.Next(mh.Count);
                    int x = m[i], y = mh[j];
                    if (!Usable(y, g) || !Usable(x, h)) continue;
                    if (_leaders[g] - L(x, g) + L(y, g) < 1 || _leaders[h] - L(y, h) + L(x, h) < 1) continue;
                    m[i] = y; mh[j] = x;
                    _s.Assigned[x] = h; _s.Assigned[y] = g;
                    _leaders[g] += L(y, g) - L(x, g);
                    _leaders[h] += L(x, h) - L(y, h);
                    _score[g] = p.Score(m); _score[h] = p.Score(mh);
                }
                else
                {
                    var list = Candidates(g);
                    if (list.Count == 0) continue;
                    var u = list[rng.Next(list.Count)];
                    var i = rng.Next(m.Count);
                    if (_leaders[g] - L(m[i], g) + L(u, g) < 1) continue;
                    _leaders[g] += L(u, g) - L(m[i], g);
                    _s.Assigned[m[i]] = -1;
                    m[i] = u;
                    _s.Assigned[u] = g;
                    _score[g] = p.Score(m);
                }
            }
        }
    }
}
