namespace Xuncha.Common;

/// <summary>Small Chinese numerals, as in 第二轮, 第十三届.</summary>
public static class Numerals
{
    private const string Digits = "零一二三四五六七八九";

    public static string Chinese(int n) => n switch
    {
        < 0 or > 99 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        < 10 => Digits[n].ToString(),
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString()),
    };
}
