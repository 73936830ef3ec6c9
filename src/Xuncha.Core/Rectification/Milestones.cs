using System.Text.RegularExpressions;
using Xuncha.Spreadsheets;

namespace Xuncha.Rectification;

/// <summary>
/// The stage goals of a long-term task as one cell of a ledger: "2026年6月30日前：完成制度修订；2026年12月31日前：开展
/// 专项检查" — written so, and read back from what offices write (a date with 前 or 底, a colon, the goal; one per
/// line or separated by ；).
/// </summary>
public static partial class Milestones
{
    [GeneratedRegex(@"^(?<date>[0-9０-９]{4}\s*[年\-/.．／]\s*[0-9０-９]{1,2}(?:\s*[月\-/.．／]\s*[0-9０-９]{1,2}\s*[日号]?|\s*月\s*(?:底|末)?)?|[0-9０-９]{1,2}\s*月\s*(?:[0-9０-９]{1,2}\s*[日号]|底|末))\s*(?:之前|以前|前)?\s*[:：，,、\s]\s*(?<text>.+)$")]
    private static partial Regex DateFirst();

    [GeneratedRegex(@"^(?<text>.+?)\s*[（(]\s*(?<date>[^（）()]+?)\s*(?:之前|以前|前)?\s*[)）]$")]
    private static partial Regex DateLast();

    public static string Format(IEnumerable<(DateOnly DueOn, string Description)> milestones) =>
        string.Join("；\n", milestones.Select(m => $"{Documents.Dates.Chinese(m.DueOn)}前：{m.Description}"));

    /// <summary>The stage goals in a cell, or the parts it could not read.</summary>
    public static (List<(DateOnly DueOn, string Description)> Items, List<string> Unread) Parse(string? cell, DateOnly reference)
    {
        var items = new List<(DateOnly, string)>();
        var unread = new List<string>();
        foreach (var raw in (cell ?? "").Split(['\n', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var part = raw.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Length < raw.Length && raw.Length > 2 && (raw[1] == '.' || raw[1] == '、')
                ? raw[2..].Trim() : raw;
            var m = DateFirst().Match(part);
            if (!m.Success) m = DateLast().Match(part);
            if (m.Success && DateText.Date(m.Groups["date"].Value, reference) is { } d && m.Groups["text"].Value.Trim() is { Length: > 0 } text)
                items.Add((d, text.TrimEnd('。')));
            else unread.Add(raw);
        }
        return (items, unread);
    }
}
