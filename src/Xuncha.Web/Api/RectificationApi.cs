using Microsoft.AspNetCore.Http.HttpResults;
using Xuncha.Rectification;

namespace Xuncha.Web.Api;

public static class RectificationApi
{
    public sealed record TaskBody(
        Guid? ProblemId, string? Goal, string? Measures, string? ResponsibleLeader, Guid? LeadOrganizationId, IReadOnlyList<Guid>? CoOrganizationIds,
        TaskKind? Kind, DateOnly? Deadline, IReadOnlyList<MilestoneInput>? Milestones, uint? Version)
    {
        public TaskInput Input => new(ProblemId, Goal, Measures, ResponsibleLeader, LeadOrganizationId, CoOrganizationIds, Kind, Deadline, Milestones);
    }

    public sealed record ReturnPlanBody(string? Comment, Dictionary<Guid, string>? TaskComments, uint? Version);

    public sealed record ReportBody(string? Summary, uint? Version);

    public sealed record EvaluateBody(Grade? Grade, string? Comment, uint? Version);

    public sealed record CloseBody(ClosureResult? Result, uint? Version);

    public static RouteGroupBuilder MapRectificationApi(this RouteGroupBuilder api)
    {
        var view = nameof(Permission.ViewRounds);
        // the unit's liaison writes its plan; for a unit without one, the office does (代录) — the service decides which
        var unit = nameof(Permission.ViewRounds);
        var review = nameof(Permission.ReviewRectification);
        var t = api.MapGroup("/targets/{targetId:guid}").WithTags("反馈与整改");
        t.MapPost("/feedback", async (Guid targetId, DateBody b, FeedbackService s, PlanQueries q, CancellationToken ct) =>
        {
            await s.GiveAsync(targetId, b.Date, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(targetId, ct));
        }).RequireAuthorization(nameof(Permission.ManageRounds)).WithSummary("向被巡察单位反馈（巡察报告通过后）").ProducesProblem(409);
        t.MapGet("/plan", async (Guid targetId, PlanQueries q, CancellationToken ct) => TypedResults.Ok(await q.GetAsync(targetId, ct)))
            .RequireAuthorization(view).WithSummary("整改方案：问题、任务、期限与倒计时、历次提交");
        t.MapGet("/plan/compare", async (Guid targetId, int from, int to, PlanQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.CompareAsync(targetId, from, to, ct))).RequireAuthorization(view).WithSummary("比较两次提交的方案");
        t.MapPost("/tasks", async (Guid targetId, TaskBody b, PlanService s, PlanQueries q, CancellationToken ct) =>
        {
            var id = await s.SaveTaskAsync(targetId, null, b.Input, null, ct);
            return TypedResults.Created($"/api/v1/tasks/{id}", (await q.TaskAsync(id, ct)).Task);
        }).RequireAuthorization(unit).WithSummary("新增整改任务（方案编制中；单位无联络员账号时由巡察办代录）").ProducesValidationProblem().ProducesProblem(409);
        t.MapPost("/tasks/supplementary", async (Guid targetId, TaskBody b, PlanService s, PlanQueries q, CancellationToken ct) =>
        {
            var id = await s.ProposeTaskAsync(targetId, b.Input, ct);
            return TypedResults.Created($"/api/v1/tasks/{id}", (await q.TaskAsync(id, ct)).Task);
        }).RequireAuthorization(unit).WithSummary("补充整改任务（方案通过后，须巡察办审核）").ProducesValidationProblem().ProducesProblem(409);
        t.MapPost("/liaison-request", async (Guid targetId, PlanService s, CancellationToken ct) =>
        {
            await s.RequestLiaisonAsync(targetId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary("请系统管理员为尚无联络员账号的被巡察单位开通账号（通知系统管理员）").ProducesProblem(409);
        PlanAction(t, "submit", unit, "提交整改方案（校验完整性与时限）", (s, id, b, ct) => s.SubmitAsync(id, Versions.Required(b.Version), ct));
        PlanAction(t, "approve", review, "巡察办审核通过", (s, id, b, ct) => s.ApproveAsync(id, b.Comment, Versions.Required(b.Version), ct));
        t.MapPost("/plan/return", async (Guid targetId, ReturnPlanBody b, PlanService s, PlanQueries q, CancellationToken ct) =>
        {
            await s.ReturnAsync(targetId, b.Comment, b.TaskComments, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(targetId, ct));
        }).RequireAuthorization(review).WithSummary("退回整改方案（总体意见 + 逐项意见）").ProducesValidationProblem().ProducesProblem(409);

        t.MapGet("/report", async (Guid targetId, RectificationReportService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(targetId, ct)))
            .RequireAuthorization(view).WithSummary("整改报告");
        t.MapPut("/report", async (Guid targetId, ReportBody b, RectificationReportService s, CancellationToken ct) =>
        {
            await s.SaveAsync(targetId, b.Summary, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(targetId, ct));
        }).RequireAuthorization(unit).WithSummary("保存整改报告").ProducesValidationProblem().ProducesProblem(409);
        t.MapPost("/report/submit", async (Guid targetId, VersionBody b, RectificationReportService s, CancellationToken ct) =>
        {
            await s.SubmitAsync(targetId, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(targetId, ct));
        }).RequireAuthorization(unit).WithSummary("提交整改报告").ProducesProblem(409);
        t.MapPost("/report/evaluate", async (Guid targetId, EvaluateBody b, RectificationReportService s, CancellationToken ct) =>
        {
            await s.EvaluateAsync(targetId, b.Grade, b.Comment, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(targetId, ct));
        }).RequireAuthorization(review).WithSummary("评价整改报告：Good 好 / FairlyGood 较好 / Average 一般 / Poor 差").ProducesValidationProblem().ProducesProblem(409);
        t.MapPost("/report/return", async (Guid targetId, ReasonBody b, RectificationReportService s, CancellationToken ct) =>
        {
            await s.ReturnAsync(targetId, b.Reason, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(targetId, ct));
        }).RequireAuthorization(review).WithSummary("退回整改报告（补充整改）").ProducesValidationProblem().ProducesProblem(409);

        var k = api.MapGroup("/tasks").WithTags("整改任务");
        k.MapGet("/{id:guid}", async (Guid id, PlanQueries q, CancellationToken ct) => TypedResults.Ok(await q.TaskAsync(id, ct)))
            .RequireAuthorization(view).WithSummary("任务详情：进展、佐证、销号");
        k.MapPut("/{id:guid}", async (Guid id, TaskBody b, PlanService s, PlanQueries q, CancellationToken ct) =>
        {
            var version = Versions.Required(b.Version);
            await s.SaveTaskAsync(await s.TargetOfTaskAsync(id, ct), id, b.Input, version, ct);
            return TypedResults.Ok((await q.TaskAsync(id, ct)).Task);
        }).RequireAuthorization(unit).WithSummary("修改任务（方案编制中或补充待审时）").ProducesValidationProblem().ProducesProblem(409);
        k.MapDelete("/{id:guid}", async (Guid id, uint? version, PlanService s, CancellationToken ct) =>
        {
            var v = Versions.Required(version);
            await s.DeleteTaskAsync(await s.TargetOfTaskAsync(id, ct), id, v, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(unit).WithSummary("删除任务（方案编制中）");
        k.MapPost("/{id:guid}/progress", async (Guid id, [FromForm] string? text, [FromForm] int? percent, [FromForm] uint? version,
            IFormFileCollection? files, TaskService s, PlanQueries q, CancellationToken ct) =>
        {
            await s.ReportProgressAsync(id, text, percent, Uploads.From(files), Versions.Required(version), ct);
            return TypedResults.Ok(await q.TaskAsync(id, ct));
        }).RequireAuthorization(unit).AcceptsUploads().WithSummary("报告整改进展（文字、完成百分比、佐证材料）");
        k.MapPost("/{id:guid}/request-closure", async (Guid id, [FromForm] string? statement, [FromForm] uint? version,
            IFormFileCollection? files, TaskService s, PlanQueries q, CancellationToken ct) =>
        {
            await s.RequestClosureAsync(id, statement, Uploads.From(files), Versions.Required(version), ct);
            return TypedResults.Ok(await q.TaskAsync(id, ct));
        }).RequireAuthorization(unit).AcceptsUploads().WithSummary("申请销号（须附佐证材料）");
        k.MapPost("/{id:guid}/close", async (Guid id, CloseBody b, TaskService s, PlanQueries q, CancellationToken ct) =>
        {
            await s.CloseAsync(id, b.Result ?? ClosureResult.Completed, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.TaskAsync(id, ct));
        }).RequireAuthorization(review).WithSummary("销号（Completed 已完成；长期任务可 Ongoing 基本完成持续整改）").ProducesProblem(409);
        TaskAction(k, "return-closure", review, "退回销号申请（须填理由）", (s, _, id, b, ct) => s.ReturnClosureAsync(id, b.Reason, Versions.Required(b.Version), ct));
        TaskAction(k, "approve-supplement", review, "通过补充整改任务", (_, p, id, b, ct) => p.ApproveSupplementAsync(id, Versions.Required(b.Version), ct));
        TaskAction(k, "reject-supplement", review, "不同意补充整改任务（须填理由）", (_, p, id, b, ct) => p.RejectSupplementAsync(id, b.Reason, Versions.Required(b.Version), ct));
        return api;
    }

    private static void PlanAction(RouteGroupBuilder g, string name, string policy, string summary, Func<PlanService, Guid, CommentBody, CancellationToken, Task> act) =>
        g.MapPost($"/plan/{name}", async (Guid targetId, CommentBody b, PlanService s, PlanQueries q, CancellationToken ct) =>
        {
            await act(s, targetId, b, ct);
            return TypedResults.Ok(await q.GetAsync(targetId, ct));
        }).RequireAuthorization(policy).WithSummary(summary).ProducesValidationProblem().ProducesProblem(409);

    private static void TaskAction(RouteGroupBuilder g, string name, string policy, string summary,
        Func<TaskService, PlanService, Guid, ReasonBody, CancellationToken, Task> act) =>
        g.MapPost($"/{{id:guid}}/{name}", async (Guid id, ReasonBody b, TaskService s, PlanService p, CancellationToken ct) =>
        {
            await act(s, p, id, b, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(policy).WithSummary(summary).ProducesValidationProblem().ProducesProblem(409);
}
