using Microsoft.AspNetCore.Http.HttpResults;
using Xuncha.Rounds;

namespace Xuncha.Web.Api;

public static class RoundsApi
{
    public sealed record RoundBody(
        Guid? CommitteeId, Guid? TermId, int? Year, int? Ordinal, string? Name, RoundType? Type, string? Theme, string? FocusPoints,
        DateOnly? PlannedStart, DateOnly? PlannedEnd, Guid? TaxonomyId, uint? Version)
    {
        public RoundInput Input => new(CommitteeId, TermId, Year, Ordinal, Name, Type, Theme, FocusPoints, PlannedStart, PlannedEnd, TaxonomyId);
    }

    public sealed record TargetsBody(IReadOnlyList<Guid>? OrganizationIds, uint? Version);

    public sealed record GroupBody(string? Name, Guid? LeaderId, IReadOnlyList<Guid>? DeputyIds, IReadOnlyList<Guid>? MemberIds,
        IReadOnlyList<Guid>? TargetIds, uint? Version)
    {
        public GroupInput Input => new(Name, LeaderId, DeputyIds, MemberIds, TargetIds);
    }

    public static RouteGroupBuilder MapRoundsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/rounds").WithTags("巡察轮次");
        var view = nameof(Permission.ViewRounds);
        var manage = nameof(Permission.ManageRounds);
        var approve = nameof(Permission.ApproveRounds);
        g.MapGet("", async (RoundStatus? status, int? year, string? search, RoundQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(new RoundFilter(status, year, search), ct))).RequireAuthorization(view).WithSummary("巡察轮次（按角色可见范围）");
        g.MapGet("/defaults", async (RoundService s, CancellationToken ct) => TypedResults.Ok(await s.DefaultsAsync(ct)))
            .RequireAuthorization(manage).WithSummary("新建轮次的默认值（党委、本届、下一轮序号）");
        g.MapGet("/{id:guid}", async (Guid id, RoundQueries q, CancellationToken ct) => TypedResults.Ok(await q.GetAsync(id, ct)))
            .RequireAuthorization(view).WithSummary("轮次详情：巡察对象、巡察组、各单位进度与期限");
        g.MapGet("/{id:guid}/categories", async (Guid id, RoundQueries q, CancellationToken ct) => TypedResults.Ok(await q.CategoriesAsync(id, ct)))
            .RequireAuthorization(view).WithSummary("本轮使用的问题类别");
        g.MapPost("", CreateAsync).RequireAuthorization(manage).WithSummary("新建巡察轮次（草稿）").ProducesValidationProblem();
        g.MapPut("/{id:guid}", async (Guid id, RoundBody b, RoundService s, RoundQueries q, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, b.Input, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("修改工作方案（草稿时）").ProducesValidationProblem().ProducesProblem(409);
        g.MapPut("/{id:guid}/targets", async (Guid id, TargetsBody b, RoundService s, RoundQueries q, CancellationToken ct) =>
        {
            await s.SetTargetsAsync(id, b.OrganizationIds ?? [], Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("确定巡察对象").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/groups", async (Guid id, GroupBody b, GroupService s, RoundQueries q, CancellationToken ct) =>
        {
            var groupId = await s.SaveAsync(id, null, b.Input, null, ct);
            return TypedResults.Created($"/api/v1/rounds/{id}", (await q.GetAsync(id, ct)).Groups.Single(x => x.Id == groupId));
        }).RequireAuthorization(manage).WithSummary("组建巡察组（校验回避）").ProducesValidationProblem();
        g.MapPut("/{id:guid}/groups/{groupId:guid}", async (Guid id, Guid groupId, GroupBody b, GroupService s, RoundQueries q, CancellationToken ct) =>
        {
            await s.SaveAsync(id, groupId, b.Input, Versions.Required(b.Version), ct);
            return TypedResults.Ok((await q.GetAsync(id, ct)).Groups.Single(x => x.Id == groupId));
        }).RequireAuthorization(manage).WithSummary("调整巡察组").ProducesValidationProblem().ProducesProblem(409);
        g.MapDelete("/{id:guid}/groups/{groupId:guid}", async (Guid id, Guid groupId, GroupService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, groupId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(manage).WithSummary("撤销巡察组");
        Action(g, "submit", manage, "报领导小组审批", (s, id, b, ct) => s.SubmitAsync(id, Versions.Required(b.Version), ct));
        Action(g, "approve", approve, "领导小组批准", (s, id, b, ct) => s.ApproveAsync(id, b.Comment, Versions.Required(b.Version), ct));
        Action(g, "return", approve, "领导小组退回（须填意见）", (s, id, b, ct) => s.ReturnAsync(id, b.Comment, Versions.Required(b.Version), ct));
        g.MapPost("/{id:guid}/start-fieldwork", async (Guid id, DateBody b, RoundService s, RoundQueries q, CancellationToken ct) =>
        {
            await s.StartFieldworkAsync(id, b.Date, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("开始进驻").ProducesProblem(409);
        g.MapPost("/{id:guid}/end-fieldwork", async (Guid id, DateBody b, RoundService s, RoundQueries q, CancellationToken ct) =>
        {
            await s.EndFieldworkAsync(id, b.Date, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("结束进驻，进入报告阶段").ProducesProblem(409);
        api.MapGet("/taxonomies", async (RoundQueries q, CancellationToken ct) => TypedResults.Ok(await q.TaxonomiesAsync(ct)))
            .RequireAuthorization(view).WithTags("巡察轮次").WithSummary("问题分类体系");
        return api;
    }

    private static async Task<Created<RoundDetail>> CreateAsync(RoundBody b, RoundService s, RoundQueries q, CancellationToken ct)
    {
        var id = await s.CreateAsync(b.Input, ct);
        return TypedResults.Created($"/api/v1/rounds/{id}", await q.GetAsync(id, ct));
    }

    private static void Action(RouteGroupBuilder g, string name, string policy, string summary, Func<RoundService, Guid, CommentBody, CancellationToken, Task> act) =>
        g.MapPost($"/{{id:guid}}/{name}", async (Guid id, CommentBody b, RoundService s, RoundQueries q, CancellationToken ct) =>
        {
            await act(s, id, b, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(policy).WithSummary(summary).ProducesValidationProblem().ProducesProblem(409);
}
