namespace Xuncha.Common;

/// <summary>
/// Characters text may hold. No C0 control character (U+0000–U+001F) or DEL anywhere, except tab and line
/// breaks where text runs over lines; names, codes and titles hold none at all.
/// </summary>
public static class TextRules
{
    public static bool IsForbidden(char c, bool multiline) =>
        c == '\u007f' || (c < ' ' && !(multiline && c is '\t' or '\n' or '\r'));

    public static bool HasForbidden(string? s, bool multiline = true)
    {
        if (s is null) return false;
        foreach (var c in s)
            if (IsForbidden(c, multiline)) return true;
        return false;
    }
}
