using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Deadlines;

namespace Xuncha.Cli;

/// <summary>`xuncha calendar`: the year's days off and make-up working days, from the State Council's notice.</summary>
internal static class CalendarCommands
{
    public static Command Build()
    {
        var year = new Argument<int>("YEAR") { Description = "年份" };
        var list = new Command("list", "列出某年的放假日和调休上班日") { year };
        list.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var days = await sp.GetRequiredService<DeadlineService>().CalendarDaysAsync(p.GetValue(year), ct);
            foreach (var r in CalendarImport.Runs(days))
            {
                var when = r.From == r.To ? $"{r.From:yyyy-MM-dd}" : $"{r.From:yyyy-MM-dd} 至 {r.To:yyyy-MM-dd}";
                Console.WriteLine(Columns.Pad(when, 26) + Columns.Pad(r.IsWorkday ? "上班" : "放假", 6) + Columns.Pad(r.Note ?? "", 16) + (r.Source ?? ""));
            }
            if (days.Count == 0) Console.WriteLine($"（{p.GetValue(year)} 年还没有节假日安排）");
            return 0;
        }));

        var file = new Argument<FileInfo>("FILE") { Description = ".xlsx 或 .csv，表头：日期、类型（放假/上班）、说明；日期可写一段：2026-02-15 至 2026-02-23" };
        var source = new Option<string?>("--source") { Description = "依据（通知名称），记在每一天上；不给则记为文件名" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并预览，不写入" };
        var import = new Command("import", "导入国务院节假日安排（任何一行有错则全部不导入）") { file, source, dryRun };
        import.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var f = p.GetValue(file)!;
            await using var stream = f.OpenRead();
            var result = await sp.GetRequiredService<CalendarImport>().RunAsync(stream, f.Name, p.GetValue(source), commit: !p.GetValue(dryRun), ct);
            foreach (var issue in result.Issues) Console.Error.WriteLine($"第 {issue.Row} 行「{issue.Column}」：{issue.Message}");
            if (!result.IsValid)
            {
                Console.Error.WriteLine($"有 {result.Issues.Count} 处错误，没有导入任何一天。");
                return 1;
            }
            var days = result.Rows.Sum(r => r.Days);
            Console.WriteLine(p.GetValue(dryRun) ? $"检查通过：{result.Rows.Count} 行，共 {days} 天（{string.Join("、", result.Years)} 年）。"
                : $"已导入 {result.Imported} 天（{string.Join("、", result.Years)} 年）。");
            return 0;
        }));

        var output = new Option<FileInfo>("-o", "--output") { Description = "导出到的 .xlsx 文件", Required = true };
        var exportYear = new Argument<int>("YEAR") { Description = "年份" };
        var export = new Command("export", "导出某年的节假日安排 .xlsx（列与导入相同）") { exportYear, output };
        export.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var path = p.GetValue(output)!.FullName;
            await using var stream = File.Create(path);
            var runs = await sp.GetRequiredService<CalendarImport>().ExportAsync(p.GetValue(exportYear), stream, sp.GetRequiredService<TimeProvider>(), ct);
            Console.WriteLine($"已导出 {runs} 行到 {path}");
            return 0;
        }));

        var date = new Argument<DateOnly>("DATE") { Description = "日期，如 2027-02-08" };
        var kind = new Argument<string>("KIND") { Description = "放假 或 上班" };
        var note = new Option<string?>("--note") { Description = "说明，如 春节、春节调休上班" };
        var setSource = new Option<string?>("--source") { Description = "依据；不给则记为手工设置" };
        var set = new Command("set", "设置某日放假或上班") { date, kind, note, setSource };
        set.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            var isWorkday = p.GetValue(kind) switch
            {
                "上班" or "work" => true,
                "放假" or "off" => false,
                var k => throw new Common.ValidationException("kind", $"“{k}”不是可选的类型：放假、上班"),
            };
            await sp.GetRequiredService<DeadlineService>().SetDayAsync(p.GetValue(date), isWorkday, p.GetValue(note), null, p.GetValue(setSource), ct);
            Console.WriteLine($"已设置 {p.GetValue(date):yyyy-MM-dd} {(isWorkday ? "上班" : "放假")}。");
            return 0;
        }));

        var removeDate = new Argument<DateOnly>("DATE") { Description = "日期" };
        var remove = new Command("remove", "删除某日的设置（恢复按周一至周五上班计算）") { removeDate };
        remove.SetAction((p, ct) => CliHost.RunAsync(async sp =>
        {
            await sp.GetRequiredService<DeadlineService>().RemoveDayAsync(p.GetValue(removeDate), null, ct);
            Console.WriteLine($"已删除 {p.GetValue(removeDate):yyyy-MM-dd} 的设置。");
            return 0;
        }));
        return new Command("calendar", "节假日与调休上班日：列表、导入、导出、设置、删除") { list, import, export, set, remove };
    }
}
