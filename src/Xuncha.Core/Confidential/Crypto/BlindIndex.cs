using System.Globalization;
using System.Text;

namespace Xuncha.Confidential.Crypto;

/// <summary>
/// Search without a plaintext index: a text becomes the set of its normalised character pairs (and whole Latin
/// words and numbers), each replaced by the first 4 bytes of HMAC-SM3 under a key derived from the master key per
/// record type. The database holds only these integers; a query's tokens must all be present (a GIN index on
/// <c>int[]</c>), and the candidates are opened and checked, so the false positives of a 32-bit token never show.
/// </summary>
public static class BlindIndex
{
    public const int MaxTokens = 4000;

    public static int[] Tokens(byte[] key, IEnumerable<string?> texts)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in texts) Grams(Normalize(t), grams);
        return grams.Take(MaxTokens).Select(g => Token(key, g)).Distinct().Order().ToArray();
    }

    /// <summary>Null when the query holds fewer than two characters to search by.</summary>
    public static int[]? QueryTokens(byte[] key, string query)
    {
        var n = Normalize(query);
        if (n.Length < 2) return null;
        var grams = new HashSet<string>(StringComparer.Ordinal);
        Grams(n, grams);
        return grams.Count == 0 ? null : grams.Select(g => Token(key, g)).Distinct().Order().ToArray();
    }

    /// <summary>Whether the texts hold the term, compared as the tokens are (folded, case and spacing ignored): the check after a token match.</summary>
    public static bool Contains(string term, params string?[] texts)
    {
        var needle = Normalize(term).Replace(" ", "", StringComparison.Ordinal);
        return Normalize(string.Join(" ", texts)).Replace(" ", "", StringComparison.Ordinal).Contains(needle, StringComparison.Ordinal);
    }

    /// <summary>Full-width to half-width, lower case, and only letters and digits kept (spaces and punctuation split words).</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded) sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return sb.ToString().Trim();
    }

    private static void Grams(string text, HashSet<string> into)
    {
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = StringInfo.GetTextElementEnumerator(word);
            var chars = new List<string>();
            while (e.MoveNext()) chars.Add((string)e.Current);
            if (chars.Count == 1) { into.Add("1:" + chars[0]); continue; }
            for (var i = 0; i + 1 < chars.Count; i++) into.Add("2:" + chars[i] + chars[i + 1]);
        }
    }

    private static int Token(byte[] key, string gram) => BitConverter.ToInt32(Sm3.Hmac(key, Encoding.UTF8.GetBytes(gram)), 0);
}
