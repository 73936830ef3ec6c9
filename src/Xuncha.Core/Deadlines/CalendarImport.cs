using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Spreadsheets;

namespace Xuncha.Deadlines;

/// <summary>A line of the holiday table: one day or a run of days, off or working, with its holiday's name.</summary>
public sealed record CalendarImportRow(int Row, DateOnly? From, DateOnly? To, bool? IsWorkday, string Note)
{
    public int Days => From is { } f && To is { } t ? t.DayNumber - f.DayNumber + 1 : 0;
}

public sealed record CalendarImportResult(IReadOnlyList<CalendarImportRow> Rows, IReadOnlyList<ImportIssue> Issues, int Imported, IReadOnlyList<int> Years)
{
    public bool IsValid => Issues.Count == 0;
}

/// <summary>
/// The State Council's yearly holiday notice, typed into a simple table (.xlsx or .csv) the way the notice reads:
/// 日期 (a day, or a run "2026-02-15 至 2026-02-23"), 类型 (放假 or 上班), 说明 (the holiday: 春节, 调休上班…). Every
/// problem by row and column; nothing is written unless every row is good. Each day imported says where it comes
/// from (the notice's title, given by the office, or the file's name); days of the same date are replaced. The
/// export writes a year in the same columns, one run per line.
/// </summary>
public sealed partial class CalendarImport(XunchaDbContext db, DeadlineService deadlines)
{
    public const int MaxRows = 400;
    public const int MaxRun = 31;
    public const int FirstYear = 2000, LastYear = 2100;

    internal static readonly ImportColumn Date = new("日期", true, "日期范围", "起止日期", "时间");
    internal static readonly ImportColumn Kind = new("类型", true, "安排", "放假或上班", "休息或上班");
    internal static readonly ImportColumn Note = new("说明", false, "节日", "名称", "备注", "节假日");
    internal static readonly ImportColumn[] Columns = [Date, Kind, Note];

    private static readonly string[] Off = ["放假", "休息", "假日", "休", "节假日", "放假调休"];
    private static readonly string[] On = ["上班", "工作日", "补班", "调休上班", "班"];

    public async Task<CalendarImportResult> RunAsync(Stream content, string fileName, string? source, bool commit, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageDeadlines);
        var v = new Validator();
        var cleanSource = v.Line("source", source, CalendarDay.SourceMax, required: false);
        v.ThrowIfInvalid();
        var table = ImportTable.Open(content, fileName, MaxRows, Organizations.OrganizationImport.MaxBytes, Columns);
        var (header, issues) = (table.Header!, table.Issues);
        if (!table.Usable) return new CalendarImportResult([], issues, 0, []);

        var rows = new List<CalendarImportRow>();
        var days = new Dictionary<DateOnly, (bool IsWorkday, string? Note, int Row)>();
        foreach (var r in table.DataRows)
        {
            void Issue(ImportColumn c, string message) => issues.Add(new ImportIssue(r.Number, c.Header, message));
            var dateText = header.Get(r, Date);
            var kindText = header.Get(r, Kind);
            var note = header.Get(r, Note);
            DateOnly? from = null, to = null;
            if (dateText.Length == 0) Issue(Date, Messages.Error_Required);
            else if (ParseRun(dateText) is not { } run) Issue(Date, string.Format(Messages.Calendar_BadDate, dateText));
            else if (run.To < run.From) Issue(Date, string.Format(Messages.Calendar_RunBackwards, dateText));
            else if (run.To.DayNumber - run.From.DayNumber + 1 > MaxRun) Issue(Date, string.Format(Messages.Calendar_RunTooLong, MaxRun));
            else if (run.From.Year is < FirstYear or > LastYear || run.To.Year is < FirstYear or > LastYear)
                Issue(Date, string.Format(Messages.Calendar_YearRange, FirstYear, LastYear));
            else (from, to) = run;
            bool? isWorkday = null;
            if (kindText.Length == 0) Issue(Kind, Messages.Error_Required);
            else if (Off.Contains(kindText)) isWorkday = false;
            else if (On.Contains(kindText)) isWorkday = true;
            else Issue(Kind, string.Format(Messages.Import_BadChoice, kindText, "放假、上班"));
            if (note.Length > CalendarDay.NoteMax) Issue(Note, string.Format(Messages.Error_TooLong, CalendarDay.NoteMax));
            else if (TextRules.HasForbidden(note, multiline: false)) Issue(Note, Messages.Error_NotOneLine);
            rows.Add(new CalendarImportRow(r.Number, from, to, isWorkday, note));
            if (from is not { } f || to is not { } t || isWorkday is not { } work) continue;
            for (var d = f; d <= t; d = d.AddDays(1))
            {
                if (days.TryGetValue(d, out var seen))
                {
                    if (seen.IsWorkday != work)
                        Issue(Date, string.Format(Messages.Calendar_Contradiction, d.ToString("yyyy-MM-dd"), seen.Row));
                    continue;
                }
                days[d] = (work, note.Length == 0 ? null : note, r.Number);
            }
        }
        if (rows.Count == 0) issues.Add(new ImportIssue(header.RowNumber + 1, Date.Header, Messages.Import_Empty));
        issues.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
        var years = days.Keys.Select(d => d.Year).Distinct().Order().ToList();
        if (issues.Count > 0 || !commit) return new CalendarImportResult(rows, issues, 0, years);

        var from0 = cleanSource ?? string.Format(Messages.Calendar_FromFile, Path.GetFileName(fileName));
        var dates = days.Keys.ToList();
        var existing = await db.CalendarDays.Where(d => dates.Contains(d.Date)).ToDictionaryAsync(d => d.Date, ct);
        foreach (var (date, (work, note, _)) in days)
        {
            if (existing.TryGetValue(date, out var day)) day.Set(work, note, from0);
            else db.CalendarDays.Add(CalendarDay.Of(date, work, note, from0));
        }
        db.Record(AuditAction.Import, "calendar_days", null, detail: new { file = Path.GetFileName(fileName), days = days.Count, source = from0 });
        await db.SaveChangesAsync(ct);
        deadlines.Forget();
        return new CalendarImportResult(rows, [], days.Count, years);
    }

    /// <summary>A year of the calendar as .xlsx, in the columns the import reads: each run of like days on one line.</summary>
    public async Task<int> ExportAsync(int year, Stream output, TimeProvider clock, CancellationToken ct = default)
    {
        var days = await deadlines.CalendarDaysAsync(year, ct);
        var runs = Runs(days);
        var trace = ExportTrace.Now(Organizations.OrganizationExport.Who(db.Actor), clock);
        using var x = new XlsxWriter(output, "节假日", string.Format(Messages.Calendar_ExportTitle, year),
            [new XlsxColumn(Date.Header, 26), new XlsxColumn(Kind.Header, 8), new XlsxColumn(Note.Header, 16), new XlsxColumn(Messages.Calendar_SourceColumn, 48, Wrap: true)], trace);
        foreach (var r in runs)
            x.WriteRow(r.From == r.To ? r.From.ToString("yyyy-MM-dd") : $"{r.From:yyyy-MM-dd} 至 {r.To:yyyy-MM-dd}", r.IsWorkday ? "上班" : "放假", r.Note, r.Source);
        db.Record(AuditAction.Export, "calendar_days", null, detail: new { year, runs = runs.Count });
        await db.SaveChangesAsync(ct);
        return runs.Count;
    }

    /// <summary>Consecutive days of one kind, name and source, as the notice groups them.</summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To, bool IsWorkday, string? Note, string? Source)> Runs(IEnumerable<CalendarDay> days)
    {
        var runs = new List<(DateOnly From, DateOnly To, bool IsWorkday, string? Note, string? Source)>();
        foreach (var d in days.OrderBy(d => d.Date))
        {
            if (runs.Count > 0 && runs[^1] is var last && last.To.AddDays(1) == d.Date && last.IsWorkday == d.IsWorkday && last.Note == d.Note && last.Source == d.Source)
                runs[^1] = last with { To = d.Date };
            else runs.Add((d.Date, d.Date, d.IsWorkday, d.Note, d.Source));
        }
        return runs;
    }

    /// <summary>A day (2026-02-15, 2026/2/15, 2026.2.15, 2026年2月15日) or a run of days joined by 至, 到, ~, －, — or a dash with spaces.</summary>
    internal static (DateOnly From, DateOnly To)? ParseRun(string text)
    {
        var parts = RunSeparator().Split(text.Trim());
        if (parts.Length is < 1 or > 2) return null;
        if (Day(parts[0]) is not { } from) return null;
        if (parts.Length == 1) return (from, from);
        var end = parts[1].Trim();
        // "2026-02-15 至 23日" or "至 2月23日": the end may leave out what it shares with the start
        if (Day(end) is { } to) return (from, to);
        if (ShortDay().Match(end) is { Success: true } m)
        {
            var month = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : from.Month;
            var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            try { return (from, new DateOnly(from.Year, month, day)); } catch (ArgumentOutOfRangeException) { return null; }
        }
        return null;
    }

    private static DateOnly? Day(string text) => DateText.Day(text) is { Year: >= FirstYear and <= LastYear } d ? d : null;

    [GeneratedRegex(@"\s*(?:至|到|~|～|－|—|–|\s-\s)\s*")]
    private static partial Regex RunSeparator();

    [GeneratedRegex(@"^(?:(?<m>\d{1,2})\s*月\s*)?(?<d>\d{1,2})\s*日?$")]
    private static partial Regex ShortDay();
}
