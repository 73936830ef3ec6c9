using System.Globalization;

namespace Xuncha.Cli;

/// <summary>Pads text for a terminal, where a Chinese character takes two columns.</summary>
internal static class Columns
{
    public static string Pad(string? text, int width)
    {
        var s = text ?? "";
        var used = s.Sum(c => IsWide(c) ? 2 : 1);
        return used >= width ? s + " " : s + new string(' ', width - used);
    }

    private static bool IsWide(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= '\u1100'
        || c is >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFF60';
}
