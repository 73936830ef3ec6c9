namespace Xuncha.Spreadsheets;

/// <summary>Who exported a document and when: written into its properties and visibly into its header.</summary>
public sealed record ExportTrace(string ExportedBy, DateTimeOffset At)
{
    public string Line => string.Format(Messages.Export_Trace, ExportedBy, At.ToLocalTime().ToString("yyyy-MM-dd HH:mm"));
}

public sealed record XlsxColumn(string Header, double Width = 14, bool Wrap = false);
