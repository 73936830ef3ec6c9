namespace Xuncha.Demo;

/// <summary>
/// The clock the demo's history is played on: set to a moment of the story, it ticks a little on every read
/// so that what happens in one step keeps its order. It never goes back, and never runs past the real present.
/// </summary>
internal sealed class DemoClock(TimeProvider real) : TimeProvider
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private DateTimeOffset _now = DateTimeOffset.MinValue;

    public DateTimeOffset Present { get; } = real.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Present, real.LocalTimeZone).DateTime);

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        if (_now + Tick < Present) _now += Tick;
        return now;
    }

    /// <summary>Moves on to a local date and hour of the story (not back, and never later than the present).</summary>
    public void Set(DateOnly date, int hour = 9, int minute = 0)
    {
        var local = new DateTime(date, new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        var at = new DateTimeOffset(local, LocalTimeZone.GetUtcOffset(local)).ToUniversalTime();
        var to = at < Present ? at : Present - TimeSpan.FromMinutes(1);
        if (to > _now) _now = to;
    }

    public void ToPresent() => _now = Present;
}
