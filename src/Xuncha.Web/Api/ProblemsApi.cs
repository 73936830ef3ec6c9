using Microsoft.AspNetCore.Http.HttpResults;
using Xuncha.Problems;
using Xuncha.Rectification;

namespace Xuncha.Web.Api;

public static class ProblemsApi
{
    public sealed record ProblemBody(
        Guid? TargetId, string? Title, string? Manifestation, string? Basis, string? Responsibility, Guid? CategoryId,
        bool ImmediateFix, string? ImmediateFixNote, uint? Version)
    {
        public ProblemInput Input => new(TargetId, Title, Manifestation, Basis, Responsibility, CategoryId, ImmediateFix, ImmediateFixNote);
    }

    public sealed record GroupReportBody(string? GeneralAssessment, string? Suggestions, uint? Version);

    public static RouteGroupBuilder MapProblemsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/problems").WithTags("问题");
        var view = nameof(Permission.ViewRounds);
        var draft = nameof(Permission.DraftProblems);
        var review = nameof(Permission.ReviewProblems);
        g.MapGet("", async (Guid? roundId, Guid? targetId, Guid? groupId, ProblemStatus? status, Guid? categoryId, string? search, bool? mine,
                ProblemQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(new ProblemFilter(roundId, targetId, groupId, status, categoryId, search, mine ?? false), ct)))
            .RequireAuthorization(view).WithSummary("问题（按角色可见范围；被巡察单位只看到已反馈给本单位的问题）");
        g.MapGet("/{id:guid}", async (Guid id, ProblemQueries q, CancellationToken ct) => TypedResults.Ok(await q.GetAsync(id, ct)))
            .RequireAuthorization(view).WithSummary("问题详情");
        g.MapPost("", async (ProblemBody b, ProblemService s, ProblemQueries q, CancellationToken ct) =>
        {
            var id = await s.CreateAsync(b.Input, null, ct);
            return TypedResults.Created($"/api/v1/problems/{id}", await q.GetAsync(id, ct));
        }).RequireAuthorization(draft).WithSummary("起草问题底稿（问题表现、定性依据、责任指向）").ProducesValidationProblem();
        g.MapPut("/{id:guid}", async (Guid id, ProblemBody b, ProblemService s, ProblemQueries q, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, b.Input, Versions.Required(b.Version), null, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(draft).WithSummary("修改底稿").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/files", async (Guid id, IFormFileCollection files, ProblemService s, ProblemQueries q, CancellationToken ct) =>
        {
            await s.AttachAsync(id, Uploads.From(files), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(draft).AcceptsUploads().WithSummary("上传证据材料（pdf、docx、xlsx、doc、xls、jpg、png、ofd、zip，单个 50 MB 以内）");
        g.MapDelete("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, ProblemService s, CancellationToken ct) =>
        {
            await s.RemoveFileAsync(id, fileId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(draft).WithSummary("删除证据材料");
        Action(g, "submit", draft, "提交组长审核", (s, id, b, ct) => s.SubmitAsync(id, Versions.Required(b.Version), ct));
        Action(g, "approve", review, "组长确认（编号）", (s, id, b, ct) => s.ApproveAsync(id, Versions.Required(b.Version), ct));
        Action(g, "return", review, "组长退回（须填理由）", (s, id, b, ct) => s.ReturnAsync(id, b.Reason, Versions.Required(b.Version), ct));
        g.MapDelete("/{id:guid}", async (Guid id, uint? version, ProblemService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, Versions.Required(version), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(draft).WithSummary("撤回并删除底稿");

        var r = api.MapGroup("/groups/{groupId:guid}/report").WithTags("巡察报告");
        r.MapGet("", async (Guid groupId, GroupReportService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(groupId, ct)))
            .RequireAuthorization(view).WithSummary("巡察组的巡察报告（问题按类别汇总）");
        r.MapPut("", async (Guid groupId, GroupReportBody b, GroupReportService s, CancellationToken ct) =>
        {
            await s.SaveAsync(groupId, b.GeneralAssessment, b.Suggestions, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(groupId, ct));
        }).RequireAuthorization(nameof(Permission.WriteGroupReports)).WithSummary("保存报告草稿").ProducesValidationProblem().ProducesProblem(409);
        ReportAction(r, "submit", nameof(Permission.WriteGroupReports), "组长提交报告", (s, id, b, ct) => s.SubmitAsync(id, Versions.Required(b.Version), ct));
        ReportAction(r, "approve", nameof(Permission.ApproveRounds), "领导小组通过", (s, id, b, ct) => s.ApproveAsync(id, b.Comment, Versions.Required(b.Version), ct));
        ReportAction(r, "return", nameof(Permission.ApproveRounds), "领导小组退回", (s, id, b, ct) => s.ReturnAsync(id, b.Comment, Versions.Required(b.Version), ct));
        return api;
    }

    private static void Action(RouteGroupBuilder g, string name, string policy, string summary, Func<ProblemService, Guid, ReasonBody, CancellationToken, Task> act) =>
        g.MapPost($"/{{id:guid}}/{name}", async (Guid id, ReasonBody b, ProblemService s, ProblemQueries q, CancellationToken ct) =>
        {
            await act(s, id, b, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(policy).WithSummary(summary).ProducesValidationProblem().ProducesProblem(409);

    private static void ReportAction(RouteGroupBuilder g, string name, string policy, string summary,
        Func<GroupReportService, Guid, CommentBody, CancellationToken, Task> act) =>
        g.MapPost($"/{name}", async (Guid groupId, CommentBody b, GroupReportService s, CancellationToken ct) =>
        {
            await act(s, groupId, b, ct);
            return TypedResults.Ok(await s.GetAsync(groupId, ct));
        }).RequireAuthorization(policy).WithSummary(summary).ProducesValidationProblem().ProducesProblem(409);
}
