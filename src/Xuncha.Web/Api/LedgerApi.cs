using Xuncha.Deadlines;
using Xuncha.Ledger;
using Xuncha.Rectification;

namespace Xuncha.Web.Api;

public static class LedgerApi
{
    public sealed class LedgerQuery
    {
        public Guid? RoundId { get; init; }
        public Guid? OrganizationId { get; init; }
        public Guid? CategoryId { get; init; }
        public TaskKind? Kind { get; init; }
        public TaskState? State { get; init; }
        public bool? Overdue { get; init; }
        public string? Search { get; init; }
        public string? Format { get; init; }

        public LedgerFilter Filter => new(RoundId, OrganizationId, CategoryId, Kind, State, Overdue ?? false, Search);
    }

    public sealed record DeadlinePolicyBody(int PlanDueWorkingDays, int ReportDueMonths, int WarningDays, int ImmediateFixDays, int MaxDeadlineMonths, uint? Version, int? ClueReplyMonths = null);

    public sealed record DayBody(bool IsWorkday, string? Note, uint? Version, string? Source = null);

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var ledger = nameof(Permission.ViewLedger);
        api.MapGet("/ledger", async ([AsParameters] LedgerQuery q, LedgerService s, TimeProvider clock, HttpContext ctx, CancellationToken ct) =>
        {
            var xlsx = string.Equals(q.Format, "xlsx", StringComparison.OrdinalIgnoreCase)
                       || ctx.Request.Headers.Accept.ToString().Contains(Downloads.XlsxType, StringComparison.OrdinalIgnoreCase);
            if (xlsx) return (IResult)await Downloads.XlsxAsync(st => s.ExportAsync(q.Filter, st, ct), $"整改台账-{Downloads.Stamp(clock)}.xlsx");
            var result = await s.QueryAsync(q.Filter, ct);
            return TypedResults.Ok(new { totals = result.Totals, completionRate = result.Totals.CompletionRate, rows = result.Rows });
        }).RequireAuthorization(ledger).WithTags("整改台账")
            .WithSummary("整改台账：一任务一行，含合计；?format=xlsx 或 Accept: …spreadsheetml.sheet 导出 Excel");
        api.MapGet("/tasks", async ([AsParameters] LedgerQuery q, LedgerService s, CancellationToken ct) =>
            TypedResults.Ok((await s.QueryAsync(q.Filter, ct)).Rows)).RequireAuthorization(ledger).WithTags("整改任务").WithSummary("整改任务列表（台账行）");

        var d = api.MapGroup("").WithTags("期限");
        var manage = nameof(Permission.ManageDeadlines);
        d.MapGet("/deadline-policy/{committeeId:guid}", async (Guid committeeId, DeadlineService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PolicyAsync(committeeId, ct))).RequireAuthorization(nameof(Permission.ViewRounds)).WithSummary("党委的期限规则");
        d.MapPut("/deadline-policy/{committeeId:guid}", async (Guid committeeId, DeadlinePolicyBody b, DeadlineService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdatePolicyAsync(committeeId,
                new DeadlinePolicyInput(b.PlanDueWorkingDays, b.ReportDueMonths, b.WarningDays, b.ImmediateFixDays, b.MaxDeadlineMonths, b.ClueReplyMonths), Versions.Required(b.Version), ct)))
            .RequireAuthorization(nameof(Permission.ManageDeadlines)).WithSummary("修改期限规则").ProducesValidationProblem().ProducesProblem(409);
        d.MapGet("/calendar/{year:int}", async (int year, DeadlineService s, CancellationToken ct) => TypedResults.Ok(await s.CalendarDaysAsync(year, ct)))
            .RequireAuthorization(nameof(Permission.ViewRounds)).WithSummary("节假日与调休工作日");
        d.MapPut("/calendar/{date}", async (DateOnly date, DayBody b, DeadlineService s, CancellationToken ct) =>
        {
            await s.SetDayAsync(date, b.IsWorkday, b.Note, Versions.Required(b.Version), b.Source, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(manage).WithSummary("设置某日放假或上班（version：该日已有设置时取其版本号，没有时为 0；source：依据，缺省记为手工设置）")
            .ProducesValidationProblem().ProducesProblem(409);
        d.MapDelete("/calendar/{date}", async (DateOnly date, uint? version, DeadlineService s, CancellationToken ct) =>
        {
            await s.RemoveDayAsync(date, Versions.Required(version), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(manage).WithSummary("删除某日的设置（恢复按周一至周五上班计算）").ProducesProblem(404).ProducesProblem(409);
        d.MapGet("/calendar/{year:int}.xlsx", async (int year, CalendarImport import, TimeProvider clock, CancellationToken ct) =>
                await Downloads.XlsxAsync(st => import.ExportAsync(year, st, clock, ct), $"节假日-{year}.xlsx"))
            .RequireAuthorization(nameof(Permission.ViewRounds)).WithSummary("某年的节假日安排导出 .xlsx（列与导入相同：日期、类型、说明，另附依据）");
        d.MapPost("/calendar/import", async (IFormFile file, [Microsoft.AspNetCore.Mvc.FromQuery] bool? dryRun, [Microsoft.AspNetCore.Mvc.FromQuery] string? source,
                CalendarImport import, CancellationToken ct) =>
            {
                if (file.Length > Xuncha.Organizations.OrganizationImport.MaxBytes)
                    throw new ValidationException("file", string.Format(Messages.Import_TooLarge, Xuncha.Organizations.OrganizationImport.MaxBytes / 1024 / 1024));
                await using var stream = await Downloads.TempAsync(st => file.CopyToAsync(st, ct));
                var result = await import.RunAsync(stream, file.FileName, source, commit: dryRun != true, ct);
                return result.IsValid ? TypedResults.Ok(new { isValid = true, result.Imported, result.Years, result.Rows }) : OrganizationsApi.ImportProblem(result.Issues, result.Rows);
            }).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("从 .xlsx/.csv 导入国务院节假日安排（表头：日期、类型 必填，说明 可选；日期可写一段：2026-02-15 至 2026-02-23；类型：放假或上班）；source 为依据；dryRun=true 只预览，全部无误才导入")
            .ProducesValidationProblem();
        return api;
    }
}
