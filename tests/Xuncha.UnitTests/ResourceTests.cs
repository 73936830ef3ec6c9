using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Xuncha.UnitTests;

/// <summary>Every UI and message string exists in Chinese, and every key the code uses is defined.</summary>
public partial class ResourceTests
{
    [Theory]
    [InlineData(typeof(Xuncha.Messages))]
    [InlineData(typeof(Xuncha.Web.UiText))]
    public void Every_string_resolves_in_Chinese(Type resources)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var props = resources.GetProperties(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public).Where(p => p.PropertyType == typeof(string)).ToList();
        props.Count.ShouldBeGreaterThan(50);
        foreach (var p in props)
        {
            var value = (string?)p.GetValue(null);
            value.ShouldNotBeNullOrWhiteSpace(p.Name);
            // placeholders are well-formed
            Should.NotThrow(() => string.Format(value!, "a", "b", "c", "d", "e", "f", "g", "h"), p.Name);
        }
    }

    [Fact]
    public void Most_messages_are_Chinese()
    {
        var values = typeof(Xuncha.Messages).GetProperties(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(p => p.PropertyType == typeof(string)).Select(p => (string)p.GetValue(null)!).ToList();
        values.Count(v => Han().IsMatch(v)).ShouldBeGreaterThan(values.Count * 9 / 10);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
