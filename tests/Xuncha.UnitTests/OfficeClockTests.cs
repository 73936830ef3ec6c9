using Xuncha.Common;
using Xuncha.Testing;

namespace Xuncha.UnitTests;

/// <summary>The office's clock: China's date and time on a server kept on UTC.</summary>
public class OfficeClockTests
{
    [Fact]
    public void Evening_in_UTC_is_already_tomorrow_morning_in_the_office()
    {
        var utc = new ManualClock(new DateTimeOffset(2026, 11, 25, 19, 30, 0, TimeSpan.Zero));
        var clock = new OfficeClock(new UtcOnly(utc), OfficeClock.Zone(null));
        clock.Today().ShouldBe(new DateOnly(2026, 11, 26));
        clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm").ShouldBe("2026-11-26 03:30");
        utc.GetUtcNow().InOffice(clock).Hour.ShouldBe(3);
        utc.GetUtcNow().DayIn(clock).ShouldBe(new DateOnly(2026, 11, 26));
    }

    [Fact]
    public void The_zone_is_named_and_an_unknown_name_is_refused_in_Chinese()
    {
        OfficeClock.Zone(null).BaseUtcOffset.ShouldBe(TimeSpan.FromHours(8));
        OfficeClock.Zone(" Asia/Shanghai ").BaseUtcOffset.ShouldBe(TimeSpan.FromHours(8));
        OfficeClock.Zone("Europe/Berlin").BaseUtcOffset.ShouldBe(TimeSpan.FromHours(1));
        Should.Throw<InvalidOperationException>(() => OfficeClock.Zone("Mars/Olympus")).Message.ShouldContain("XUNCHA_TIME_ZONE");
    }

    /// <summary>A clock whose own zone is UTC, as a container's is.</summary>
    private sealed class UtcOnly(TimeProvider inner) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
