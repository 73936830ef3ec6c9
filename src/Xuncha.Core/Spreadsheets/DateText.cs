using System.Globalization;
using System.Text.RegularExpressions;

namespace Xuncha.Spreadsheets;

/// <summary>How a deadline cell reads: a date, 长期坚持, 立行立改, or not understood.</summary>
public enum DeadlineWord
{
    None,
    LongTerm,
    Immediate,
}

public sealed record DeadlineText(DateOnly? Date, DeadlineWord Word, bool Understood)
{
    public static readonly DeadlineText Empty = new(null, DeadlineWord.None, true);
}

/// <summary>
/// Reads dates as offices write them: 2025-03-31, 2025/3/31, 2025.3.31, 2025年3月31日, 20250331, 2025年3月(底)
/// (the month's last day), 2025年底, a date without a year (3月底, 3月31日: the first such day on or after the
/// reference date), an Excel serial number, full-width digits; with 前/之前/以前 after it; and the words
/// 长期坚持 (长期, 持续整改, 常态化) and 立行立改 (立即整改, 即知即改).
/// </summary>
public static partial class DateText
{
    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")]
    private static partial Regex Full();

    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(底|末|份)?$")]
    private static partial Regex YearMonth();

    [GeneratedRegex(@"^(\d{4})\s*年\s*(底|末)$")]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"^(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末))$")]
    private static partial Regex MonthOnly();

    [GeneratedRegex(@"(之前|以前|前|止|为止)$")]
    private static partial Regex Before();

    private static readonly string[] LongTermWords = ["长期坚持", "长期", "持续整改", "持续推进", "常态化", "长期整改", "持续"];
    private static readonly string[] ImmediateWords = ["立行立改", "立即整改", "即知即改", "立即"];

    /// <param name="text">The cell as read (already normalised to half-width).</param>
    /// <param name="reference">Dates without a year fall on or after this day (the feedback date).</param>
    public static DeadlineText Parse(string? text, DateOnly reference)
    {
        var s = Ascii(text);
        if (s.Length == 0) return DeadlineText.Empty;
        if (LongTermWords.Contains(s)) return new DeadlineText(null, DeadlineWord.LongTerm, true);
        if (ImmediateWords.Contains(s)) return new DeadlineText(null, DeadlineWord.Immediate, true);
        foreach (var w in LongTermWords.Where(w => w.Length >= 2))
            if (s.StartsWith(w, StringComparison.Ordinal) && Date(s[w.Length..].Trim('，', ',', '（', '(', '）', ')', '：', ':'), reference) is { } d1)
                return new DeadlineText(d1, DeadlineWord.LongTerm, true);
        return Date(s, reference) is { } d ? new DeadlineText(d, DeadlineWord.None, true) : new DeadlineText(null, DeadlineWord.None, false);
    }

    /// <summary>A date alone (no words); null when the text is not one.</summary>
    public static DateOnly? Date(string text, DateOnly reference)
    {
        var s = Before().Replace(Ascii(text), "");
        if (s.Length == 0) return null;
        Match m;
        if ((m = Full().Match(s)).Success) return Make(Int(m, 1), Int(m, 2), Int(m, 3));
        if ((m = Compact().Match(s)).Success) return Make(Int(m, 1), Int(m, 2), Int(m, 3));
        if ((m = YearMonth().Match(s)).Success && (s.Contains('月') || m.Groups[3].Success || s.Contains('-') || s.Contains('/') || s.Contains('.')))
            return EndOfMonth(Int(m, 1), Int(m, 2));
        if ((m = YearEnd().Match(s)).Success) return Make(Int(m, 1), 12, 31);
        if ((m = MonthOnly().Match(s)).Success)
        {
            var month = Int(m, 1);
            for (var year = reference.Year; year <= reference.Year + 1; year++)
            {
                var d = m.Groups[2].Success ? Make(year, month, Int(m, 2)) : EndOfMonth(year, month);
                if (d is null) return null;
                if (d >= reference) return d;
            }
            return null;
        }
        // an Excel serial number in a cell not formatted as a date (1982 to 2099)
        if (s.All(char.IsAsciiDigit) && s.Length == 5 && int.TryParse(s, CultureInfo.InvariantCulture, out var serial) && serial is >= 30000 and <= 73000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return null;
    }

    /// <summary>A day written in full (2026-02-15, 2026/2/15, 2026.2.15, 2026年2月15日, 20260215, full-width too); null for anything vaguer.</summary>
    public static DateOnly? Day(string text)
    {
        var s = Ascii(text);
        Match m;
        if ((m = Full().Match(s)).Success) return Make(Int(m, 1), Int(m, 2), Int(m, 3));
        if ((m = Compact().Match(s)).Success) return Make(Int(m, 1), Int(m, 2), Int(m, 3));
        return null;
    }

    /// <summary>Full-width digits and punctuation (２０２５．３．３１, ２０２５／３／３１) as ASCII, without spaces.</summary>
    private static string Ascii(string? text) =>
        new string(HeaderMap.Normalize(text).Where(c => !char.IsWhiteSpace(c)).Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c).ToArray());

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static DateOnly? Make(int y, int m, int d) =>
        y is >= 1990 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

    private static DateOnly? EndOfMonth(int y, int m) => y is >= 1990 and <= 2100 && m is >= 1 and <= 12 ? new DateOnly(y, m, DateTime.DaysInMonth(y, m)) : null;
}
