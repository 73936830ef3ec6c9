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

    public sealed record DayBody(bool IsWorkday, string? Note, uint? Version);

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
            await s.SetDayAsync(date, b.IsWorkday, b.Note, ct, Versions.Required(b.Version));
            return TypedResults.NoContent();
        }).RequireAuthorization(nameof(Permission.ManageDeadlines)).WithSummary("设置某日为节假日或调休工作日（version：该日已有设置时取其版本号，没有时为 0）").ProducesValidationProblem();
        return api;
    }
}
