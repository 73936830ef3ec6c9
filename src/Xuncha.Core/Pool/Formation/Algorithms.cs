namespace Xuncha.Pool.Formation;

/// <summary>The assignment problem (Hungarian method, O(n²m)): rows to distinct columns at least cost.</summary>
internal static class Hungarian
{
    public const double Infinity = 1e12;

    /// <summary>For each row its column, minimising the total; rows ≤ columns. Returns null when some row can only take an infinite cell.</summary>
    public static int[]? Solve(double[,] cost)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        if (n == 0) return [];
        if (n > m) return null;
        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new double[m + 1];
            var used = new bool[m + 1];
            Array.Fill(minv, double.PositiveInfinity);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    var cur = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (var j = 0; j <= m; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var result = new int[n];
        for (var j = 1; j <= m; j++)
            if (p[j] != 0) result[p[j] - 1] = j - 1;
        for (var i = 0; i < n; i++)
            if (cost[i, result[i]] >= Infinity / 2) return null;
        return result;
    }
}

/// <summary>Minimum-cost flow by successive shortest paths (Dijkstra with potentials; costs must start non-negative).</summary>
internal sealed class MinCostFlow(int nodes)
{
    private readonly List<int>[] _out = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
    private readonly List<int> _to = [], _cap = [];
    private readonly List<long> _cost = [];

    /// <summary>Adds an arc and its residual; returns the arc's index (its flow is read with <see cref="Flow"/>).</summary>
    public int Add(int from, int to, int capacity, long cost)
    {
        _out[from].Add(_to.Count);
        _to.Add(to); _cap.Add(capacity); _cost.Add(cost);
        _out[to].Add(_to.Count);
        _to.Add(from); _cap.Add(0); _cost.Add(-cost);
        return _to.Count - 2;
    }

    public int Flow(int arc) => _cap[arc ^ 1];

    /// <summary>Pushes up to <paramref name="limit"/> units from s to t at least cost; returns the units pushed.</summary>
    public int Run(int s, int t, int limit)
    {
        var n = _out.Length;
        var potential = new long[n];
        var dist = new long[n];
        var prevArc = new int[n];
        var flow = 0;
        var heap = new PriorityQueue<int, long>();
        while (flow < limit)
        {
            Array.Fill(dist, long.MaxValue);
            dist[s] = 0;
            heap.Clear();
            heap.Enqueue(s, 0);
            while (heap.TryDequeue(out var x, out var d))
            {
                if (d > dist[x]) continue;
                foreach (var a in _out[x])
                {
                    if (_cap[a] == 0) continue;
                    var y = _to[a];
                    var nd = d + _cost[a] + potential[x] - potential[y];
                    if (nd < dist[y])
                    {
                        dist[y] = nd;
                        prevArc[y] = a;
                        heap.Enqueue(y, nd);
                    }
                }
            }
            if (dist[t] == long.MaxValue) break;
            for (var i = 0; i < n; i++)
                if (dist[i] != long.MaxValue) potential[i] += dist[i];
            var push = limit - flow;
            for (var y = t; y != s; y = _to[prevArc[y] ^ 1]) push = Math.Min(push, _cap[prevArc[y]]);
            for (var y = t; y != s; y = _to[prevArc[y] ^ 1])
            {
                _cap[prevArc[y]] -= push;
                _cap[prevArc[y] ^ 1] += push;
            }
            flow += push;
        }
        return flow;
    }
}
