using Xuncha.Pool;
using Xuncha.Rounds;

namespace Xuncha.Web.Api;

/// <summary>The talent pool (人才库): members, their relations, training and recommendations; policy; statistics; formation; appraisals.</summary>
public static class PoolApi
{
    public sealed record MemberBody(
        string? Name, Guid? OrganizationId, string? Position, Guid? RankId, bool LeaderEligible, bool FullTime, string? Phone, string? Email,
        IReadOnlyList<Guid>? ProfessionIds, Guid? UserId, string? Reason, Guid? RecommendingOrganizationId, uint? Version)
    {
        public MemberInput Input => new(Name, OrganizationId, Position, RankId, LeaderEligible, FullTime, Phone, Email, ProfessionIds, UserId);
    }

    public sealed record NoteBody(string? Note, uint? Version);

    public sealed record ExitBody(ExitReason? Reason, string? Note, uint? Version);

    public sealed record ConfirmBody(int Year, IReadOnlyList<Guid>? MemberIds);

    public sealed record FormationBody(int? Groups, IReadOnlyList<IReadOnlyList<Guid>>? Grouping, bool CurrentGrouping);

    public sealed record ApplyBody(IReadOnlyList<GroupPlanInput>? Groups, uint? Version);

    public sealed record CheckBody(Guid? GroupId, string? Name, Guid? LeaderId, IReadOnlyList<Guid>? DeputyIds, IReadOnlyList<Guid>? MemberIds,
        IReadOnlyList<Guid>? TargetIds);

    public sealed record CheckResult(bool Ok, IReadOnlyList<string> Violations, double Score, IReadOnlyList<Xuncha.Pool.Formation.GoalScore> Goals);

    public sealed record GradesBody(IReadOnlyList<GradeInput>? Grades);

    public sealed record RankBody(string? Name, int Level, bool IsActive = true, uint? Version = null);

    public sealed record ProfessionBody(string? Name, int SortOrder, bool IsActive = true, uint? Version = null);

    public static RouteGroupBuilder MapPoolApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/pool").WithTags("人才库");
        var view = nameof(Permission.ViewPool);
        var manage = nameof(Permission.ManagePool);

        g.MapGet("", async (MemberStatus? status, Guid? professionId, Guid? rankId, bool? leaderEligible, bool? fullTime, bool? unconfirmed,
                int? unusedYears, string? search, PoolQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(new PoolFilter(status, professionId, rankId, leaderEligible, fullTime, unconfirmed ?? false, unusedYears, search), ct)))
            .RequireAuthorization(view).WithSummary("人才库人员（默认在库的；status 可选 Applied / Active / Rejected / Exited）");
        g.MapGet("/stats", async (int? unusedYears, PoolQueries q, CancellationToken ct) => TypedResults.Ok(await q.StatsAsync(unusedYears, ct)))
            .RequireAuthorization(view).WithSummary("统计：按专业和职级、组长库、参加次数分布、若干年未参加的人员");
        g.MapGet("/lists", async (PoolQueries q, CancellationToken ct) =>
        {
            var (ranks, professions) = await q.ListsAsync(ct);
            return TypedResults.Ok(new { ranks, professions });
        }).RequireAuthorization().WithSummary("职级和专业的可选项");
        g.MapGet("/policy", async (PoolQueries q, CancellationToken ct) => TypedResults.Ok(await q.PolicyAsync(ct)))
            .RequireAuthorization(view).WithSummary("组队规则和目标权重");
        g.MapPut("/policy", async (PoolService.PolicyInput b, uint? version, PoolService s, CancellationToken ct) => TypedResults.Ok(await s.UpdatePolicyAsync(b, Versions.Required(version), ct)))
            .RequireAuthorization(manage).WithSummary("修改组队规则和目标权重").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/ranks", async (RankBody b, PoolService s, CancellationToken ct) => TypedResults.Ok(new { id = await s.SaveRankAsync(null, b.Name, b.Level, b.IsActive, ct) }))
            .RequireAuthorization(manage).WithSummary("新增职级").ProducesValidationProblem();
        g.MapPut("/ranks/{id:guid}", async (Guid id, RankBody b, PoolService s, CancellationToken ct) => TypedResults.Ok(new { id = await s.SaveRankAsync(id, b.Name, b.Level, b.IsActive, ct, Versions.Required(b.Version)) }))
            .RequireAuthorization(manage).WithSummary("修改或停用职级").ProducesValidationProblem();
        g.MapPost("/professions", async (ProfessionBody b, PoolService s, CancellationToken ct) => TypedResults.Ok(new { id = await s.SaveProfessionAsync(null, b.Name, b.SortOrder, b.IsActive, ct) }))
            .RequireAuthorization(manage).WithSummary("新增专业").ProducesValidationProblem();
        g.MapPut("/professions/{id:guid}", async (Guid id, ProfessionBody b, PoolService s, CancellationToken ct) => TypedResults.Ok(new { id = await s.SaveProfessionAsync(id, b.Name, b.SortOrder, b.IsActive, ct, Versions.Required(b.Version)) }))
            .RequireAuthorization(manage).WithSummary("修改或停用专业").ProducesValidationProblem();

        g.MapGet("/export", async (MemberStatus? status, PoolImport import, PoolQueries q, TimeProvider clock, CancellationToken ct) =>
                await Downloads.XlsxAsync(st => import.ExportAsync(new PoolFilter(status), st, q, ct), $"巡察人才库-{Downloads.Stamp(clock)}.xlsx"))
            .RequireAuthorization(view).WithSummary("人才库名单导出 .xlsx（列与导入相同，可再导入）");
        g.MapPost("/import", async (IFormFile file, [Microsoft.AspNetCore.Mvc.FromQuery] bool? dryRun, PoolImport import, CancellationToken ct) =>
            {
                if (file.Length > Xuncha.Organizations.OrganizationImport.MaxBytes)
                    throw new ValidationException("file", string.Format(Messages.Import_TooLarge, Xuncha.Organizations.OrganizationImport.MaxBytes / 1024 / 1024));
                await using var stream = await Downloads.TempAsync(s => file.CopyToAsync(s, ct));
                var result = await import.RunAsync(stream, file.FileName, commit: dryRun != true, ct);
                return result.IsValid ? TypedResults.Ok(new { isValid = true, result.Imported, result.Rows }) : OrganizationsApi.ImportProblem(result.Issues, result.Rows);
            }).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("从 .xlsx/.csv 导入人才库名单（表头：姓名、所在单位、职级 必填；职务、专业、组长库、专兼职、电话、邮箱、账号 可选）；dryRun=true 只预览，全部无误才导入")
            .ProducesValidationProblem();
        g.MapPost("", async (MemberBody b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            var id = await s.EnrolAsync(b.Input, b.Reason, ct);
            return TypedResults.Created($"/api/v1/pool/{id}", await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("巡察办研究确定，直接入库").ProducesValidationProblem();
        g.MapPost("/applications", async (MemberBody b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            var id = await s.ApplyAsync(b.Input, b.Reason, ct);
            return TypedResults.Created($"/api/v1/pool/{id}", await q.GetAsync(id, ct));
        }).RequireAuthorization(nameof(Permission.JoinPool)).WithSummary("个人自荐（本人账号）").ProducesValidationProblem();
        g.MapPost("/recommendations", async (MemberBody b, PoolService s, CancellationToken ct) =>
            TypedResults.Ok(new { id = await s.RecommendAsync(b.Input, b.RecommendingOrganizationId, b.Reason, ct) }))
            .RequireAuthorization().WithSummary("组织推荐（被巡察单位联络员推荐本单位人员；巡察办可代任一组织登记）").ProducesValidationProblem();
        g.MapGet("/me", async (PoolQueries q, CancellationToken ct) => await q.MineAsync(ct) is { } id ? Results.Ok(await q.GetAsync(id, ct)) : Results.NoContent())
            .RequireAuthorization().WithSummary("本人在人才库中的记录（没有则 204）");
        g.MapGet("/{id:guid}", async (Guid id, PoolQueries q, CancellationToken ct) => TypedResults.Ok(await q.GetAsync(id, ct)))
            .RequireAuthorization().WithSummary("人员档案：专业、回避关系、培训、推荐、巡察经历和鉴定（巡察办、领导小组或本人）");
        g.MapPut("/{id:guid}", async (Guid id, MemberBody b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, b.Input, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("修改人员信息").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/approve", async (Guid id, NoteBody b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.ApproveAsync(id, b.Note, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("同意入库申请").ProducesProblem(409);
        g.MapPost("/{id:guid}/reject", async (Guid id, NoteBody b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.RejectAsync(id, b.Note, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("不同意入库申请（须填理由）").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/exit", async (Guid id, ExitBody b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.ExitAsync(id, b.Reason, b.Note, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("出库（违纪违规、履职不力、退休、调离、个人原因）").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/confirm", async (ConfirmBody b, PoolService s, CancellationToken ct) => TypedResults.Ok(new { confirmed = await s.ConfirmAsync(b.Year, b.MemberIds ?? [], ct) }))
            .RequireAuthorization(manage).WithSummary("年度确认：确认所列人员本年度在库").ProducesValidationProblem();

        g.MapPost("/{id:guid}/relations", async (Guid id, RelationInput b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.AddRelationAsync(id, b, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization().WithSummary("申报回避关系：曾任职单位（起止日期）、亲属任职、其他利害关系（巡察办或本人）").ProducesValidationProblem();
        g.MapDelete("/{id:guid}/relations/{relationId:guid}", async (Guid id, Guid relationId, PoolService s, CancellationToken ct) =>
        {
            await s.RemoveRelationAsync(id, relationId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("删除一条回避关系（巡察办或本人）");
        g.MapPost("/{id:guid}/trainings", async (Guid id, TrainingInput b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.AddTrainingAsync(id, b, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("登记培训（五门课）").ProducesValidationProblem();
        g.MapDelete("/{id:guid}/trainings/{trainingId:guid}", async (Guid id, Guid trainingId, PoolService s, CancellationToken ct) =>
        {
            await s.RemoveTrainingAsync(id, trainingId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(manage).WithSummary("删除培训记录");
        g.MapPost("/{id:guid}/recommendations", async (Guid id, RecommendationInput b, PoolService s, PoolQueries q, CancellationToken ct) =>
        {
            await s.AddRecommendationAsync(id, b, ct);
            return TypedResults.Ok(await q.GetAsync(id, ct));
        }).RequireAuthorization(manage).WithSummary("登记推荐参加上级巡视巡察").ProducesValidationProblem();
        g.MapDelete("/{id:guid}/recommendations/{recommendationId:guid}", async (Guid id, Guid recommendationId, PoolService s, CancellationToken ct) =>
        {
            await s.RemoveRecommendationAsync(id, recommendationId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(manage).WithSummary("删除推荐记录");

        var r = api.MapGroup("/rounds/{roundId:guid}").WithTags("组队与鉴定");
        var rounds = nameof(Permission.ManageRounds);
        r.MapPost("/formation", async (Guid roundId, FormationBody b, FormationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ProposeAsync(roundId, b.Groups, b.Grouping, b.CurrentGrouping, ct)))
            .RequireAuthorization(rounds)
            .WithSummary("组队方案：按组数（groups）或给定的单位分组（grouping / currentGrouping）从人才库提出方案，附理由、回避排除、未达目标，及与简单贪心法的得分对比")
            .ProducesValidationProblem().ProducesProblem(422);
        r.MapPost("/formation/apply", async (Guid roundId, ApplyBody b, FormationService s, RoundQueries q, CancellationToken ct) =>
        {
            await s.ApplyAsync(roundId, b.Groups ?? [], Versions.Required(b.Version), ct);
            return TypedResults.Ok(await q.GetAsync(roundId, ct));
        }).RequireAuthorization(rounds).WithSummary("采用（可能修改过的）方案：替换本轮全部巡察组，逐条校验硬性规则，全部通过才写入").ProducesValidationProblem().ProducesProblem(409);
        r.MapPost("/formation/check", async (Guid roundId, ApplyBody b, FormationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.CheckAllAsync(roundId, b.Groups ?? [], ct)))
            .RequireAuthorization(rounds).WithSummary("校验并解释（编辑后的）全部巡察组：每组违反的硬性规则、得分、成员理由和未达目标，以及整体得分；不写入");
        r.MapPost("/groups/check", async (Guid roundId, CheckBody b, GroupService gs, FormationService fs, CancellationToken ct) =>
        {
            var input = new GroupInput(b.Name, b.LeaderId, b.DeputyIds, b.MemberIds, b.TargetIds);
            var violations = await gs.CheckAsync(roundId, b.GroupId, b.TargetIds ?? [], input, ct);
            var everyone = (b.LeaderId is { } l ? new[] { l } : []).Concat(b.DeputyIds ?? []).Concat(b.MemberIds ?? []).ToList();
            var (score, goals) = await fs.ScoreAsync(roundId, everyone, ct);
            return TypedResults.Ok(new CheckResult(violations.Count == 0, violations.Select(v => v.Message).ToList(), score, goals));
        }).RequireAuthorization(rounds).WithSummary("校验一个（编辑中的）巡察组：违反的硬性规则和目标得分，不写入");
        r.MapGet("/appraisals", async (Guid roundId, AppraisalService s, CancellationToken ct) => TypedResults.Ok(await s.SheetAsync(roundId, ct)))
            .RequireAuthorization().WithSummary("鉴定表（巡察办、领导小组看全部；组长看本组）");
        r.MapPut("/appraisals", async (Guid roundId, GradesBody b, AppraisalService s, CancellationToken ct) =>
        {
            foreach (var g in b.Grades ?? []) Versions.Required(g.Version);
            await s.SaveAsync(roundId, b.Grades ?? [], ct);
            return TypedResults.Ok(await s.SheetAsync(roundId, ct));
        }).RequireAuthorization(nameof(Permission.AppraiseMembers)).WithSummary("鉴定：组长评本组成员，巡察办评定（优秀比例受限）；每行带鉴定记录的 version，尚无记录时为 0").ProducesValidationProblem();
        r.MapGet("/appraisals.xlsx", async (Guid roundId, AppraisalService s, TimeProvider clock, CancellationToken ct) =>
                await Downloads.XlsxAsync(st => s.ExportAsync(roundId, st, ct), $"鉴定表-{Downloads.Stamp(clock)}.xlsx"))
            .RequireAuthorization(view).WithSummary("鉴定表导出 Excel（报组织部和所在单位）");
        return api;
    }
}
