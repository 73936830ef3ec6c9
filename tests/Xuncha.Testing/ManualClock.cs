namespace Xuncha.Testing;

/// <summary>A clock the test sets and moves; local time is China Standard Time, as at our users.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "CST");

    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => China;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to.ToUniversalTime();
}
