namespace Xuncha.Spreadsheets;

/// <summary>
/// Who exported a document and when: written into its properties and visibly into its header. Times in the document
/// are read in <paramref name="Zone"/>, the office's (as given; when null, as the moments carry their own offsets).
/// </summary>
public sealed record ExportTrace(string ExportedBy, DateTimeOffset At, TimeZoneInfo? Zone = null)
{
    /// <summary>A trace of now, on the office's clock.</summary>
    public static ExportTrace Now(string exportedBy, TimeProvider clock) => new(exportedBy, clock.GetUtcNow(), clock.LocalTimeZone);

    /// <summary>A moment as the document shows it.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => Zone is null ? at : TimeZoneInfo.ConvertTime(at, Zone);

    public string Line => string.Format(Messages.Export_Trace, ExportedBy, Local(At).ToString("yyyy-MM-dd HH:mm"));
}

public sealed record XlsxColumn(string Header, double Width = 14, bool Wrap = false);
