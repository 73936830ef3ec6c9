namespace Xuncha.Common;

/// <summary>
/// The clock in the inspection office's time zone (XUNCHA_TIME_ZONE, Asia/Shanghai unless told otherwise), whatever
/// the server's own zone: "today", deadlines and every time shown follow it, so a server kept on UTC (as containers
/// are) does not put 07:30 on yesterday's date or print 19:00 for 03:00.
/// </summary>
public sealed class OfficeClock(TimeProvider inner, TimeZoneInfo zone) : TimeProvider
{
    public const string DefaultZone = "Asia/Shanghai";

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => zone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// The zone by its IANA name. China's zone is known even without the system's time-zone data (UTC+8, no daylight
    /// saving); any other name must exist on the machine.
    /// </summary>
    public static TimeZoneInfo Zone(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultZone : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (name is DefaultZone or "Asia/Chongqing" or "Asia/Harbin" or "Asia/Urumqi" or "PRC")
                return TimeZoneInfo.CreateCustomTimeZone(DefaultZone, TimeSpan.FromHours(8), "China Standard Time", "CST");
            throw new InvalidOperationException($"XUNCHA_TIME_ZONE 不是这台机器认识的时区：{name}（例如 Asia/Shanghai）");
        }
    }
}

public static class ClockExtensions
{
    /// <summary>The moment as the office reads it (its time zone, see <see cref="OfficeClock"/>).</summary>
    public static DateTimeOffset InOffice(this DateTimeOffset at, TimeProvider clock) => TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone);

    /// <summary>The office's date of a moment.</summary>
    public static DateOnly DayIn(this DateTimeOffset at, TimeProvider clock) => DateOnly.FromDateTime(at.InOffice(clock).DateTime);
}
