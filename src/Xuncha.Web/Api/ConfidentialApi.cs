using Xuncha.Confidential;

namespace Xuncha.Web.Api;

/// <summary>Letters (with the public report channel), clues, transfers. Outside one's scope every id answers 404.</summary>
public static class ConfidentialApi
{
    public sealed record ReceiptBody(string? Code);

    public sealed record AnswerBody(string? Code, string? Body);

    public sealed record ClassifyBody(Guid? CategoryId, Guid? AssigneeId, uint? Version);

    public sealed record DecideBody(
        LetterDecision Decision, string? Reason, string? ProblemTitle, Guid? CategoryId, string? ProblemText, ClueInput? Clue, uint? Version);

    public sealed record MessageBody(string? Body, bool Question);

    public sealed record ClueBody(ClueInput Clue, uint? Version);

    public sealed record DisposeBody(ClueDisposal Disposal, DisciplineForm? Form, string? Outcome, DateOnly? On, uint? Version);

    public sealed record ReportLink(string Token, string Url);

    public static RouteGroupBuilder MapConfidentialApi(this RouteGroupBuilder api)
    {
        // ── the public channel: no account; no address, browser or time finer than the day is kept ──
        var p = api.MapGroup("/public").WithTags("网上举报（公开）").AllowAnonymous();
        p.MapGet("/report/{token}", async (string token, HttpContext ctx, PublicReportService s, CancellationToken ct) =>
            TypedResults.Ok(await Public(ctx, s).ChannelAsync(token, ct))).WithSummary("巡察组的举报页面信息（进驻期间受理）");
        p.MapPost("/report/{token}", async (string token, PublicLetterInput b, HttpContext ctx, PublicReportService s, CancellationToken ct) =>
        {
            var (number, receipt) = await Public(ctx, s).SubmitAsync(token, b, null, ct);
            return TypedResults.Ok(new { number, receipt = ReceiptCodes.Format(receipt) });
        }).RequireRateLimiting(Infrastructure.WebServices.PublicRateLimit).WithSummary("提交举报；返回 16 位查询码（只显示这一次）").ProducesValidationProblem();
        p.MapPost("/receipt", async (ReceiptBody b, HttpContext ctx, PublicReportService s, CancellationToken ct) =>
                TypedResults.Ok(await Public(ctx, s).ByReceiptAsync(b.Code, Client(ctx), ct)))
            .RequireRateLimiting(Infrastructure.WebServices.PublicRateLimit).WithSummary("凭查询码查看办理情况和巡察组的留言（错误过多将暂停查询）");
        p.MapPost("/receipt/answer", async (AnswerBody b, HttpContext ctx, PublicReportService s, CancellationToken ct) =>
        {
            await Public(ctx, s).AnswerAsync(b.Code, Client(ctx), b.Body, ct);
            return TypedResults.NoContent();
        }).RequireRateLimiting(Infrastructure.WebServices.PublicRateLimit).WithSummary("凭查询码答复巡察组的提问");

        // ── letters ──
        var handle = nameof(Permission.HandleLetters);
        var l = api.MapGroup("/letters").WithTags("信访举报").RequireAuthorization(handle);
        l.MapGet("", async (Guid? roundId, Guid? groupId, LetterStatus? status, string? search, LetterService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new LetterFilter(roundId, groupId, status, search), ct))).WithSummary("信访件（本组的；巡察办看全部）。search 用检索令牌查找，不落明文");
        l.MapGet("/{id:guid}", async (Guid id, LetterService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .WithSummary("信访件详情（每次查看记入审计日志）");
        l.MapPost("", async (LetterInput b, LetterService s, CancellationToken ct) =>
        {
            var (id, number, receipt) = await s.RegisterAsync(b, null, ct);
            return TypedResults.Created($"/api/v1/letters/{id}", new { id, number, receipt = ReceiptCodes.Format(receipt) });
        }).WithSummary("登记来信、来电、来访、电子邮件；返回给举报人的查询码（只显示这一次）").ProducesValidationProblem();
        l.MapPost("/{id:guid}/classify", async (Guid id, ClassifyBody b, LetterService s, CancellationToken ct) =>
        {
            await s.ClassifyAsync(id, b.CategoryId, b.AssigneeId, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).WithSummary("分类、指定承办人").ProducesValidationProblem().ProducesProblem(409);
        l.MapPost("/{id:guid}/decide", async (Guid id, DecideBody b, LetterService s, CancellationToken ct) =>
        {
            await s.DecideAsync(id, new LetterDecisionInput(b.Decision, b.Reason, b.ProblemTitle, b.CategoryId, b.ProblemText, b.Clue), Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).WithSummary("组长决定：转为问题、转为线索、了解核实、存档（须写理由）").ProducesValidationProblem().ProducesProblem(409);
        l.MapPost("/{id:guid}/messages", async (Guid id, MessageBody b, LetterService s, CancellationToken ct) =>
        {
            await s.MessageAsync(id, b.Body, b.Question, ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).WithSummary("通过查询码渠道答复或询问举报人").ProducesValidationProblem();
        l.MapDelete("/{id:guid}", async (Guid id, string? reason, LetterService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, reason, ct);
            return TypedResults.NoContent();
        }).WithSummary("巡察办删除信访件（销毁其密钥，内容不可恢复）").ProducesValidationProblem();
        l.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, LetterService s, HttpContext ctx, CancellationToken ct) =>
        {
            var (file, content) = await s.FileAsync(id, fileId, ct);
            return Download(ctx, file, content);
        }).WithSummary("下载信访件附件");
        api.MapGet("/groups/{groupId:guid}/report-link", async (Guid groupId, LetterService s, XunchaSettings settings, CancellationToken ct) =>
        {
            var token = await s.ReportTokenAsync(groupId, ct);
            return TypedResults.Ok(new ReportLink(token, settings.ReportLink(token)));
        }).RequireAuthorization(handle).WithTags("信访举报").WithSummary("巡察组的举报页面链接（印在进驻公告上）");

        // ── clues ──
        var c = api.MapGroup("/clues").WithTags("问题线索");
        c.MapGet("", async (Guid? roundId, ClueStatus? status, ClueReceiver? receiver, Guid? transferId, bool? overdue, string? search,
                ClueService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new ClueFilter(roundId, status, receiver, transferId, overdue ?? false, search), ct)))
            .RequireAuthorization().WithSummary("问题线索（密封件只有纪委书记和巡察办主任能看到内容）");
        c.MapGet("/stats", async (Guid? roundId, ClueService s, CancellationToken ct) => TypedResults.Ok(await s.StatsAsync(roundId, ct)))
            .RequireAuthorization().WithSummary("线索统计：移交、签收、处置、四种形态、逾期未回复");
        c.MapGet("/{id:guid}", async (Guid id, ClueService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .RequireAuthorization().WithSummary("线索详情（每次查看记入审计日志；密封件未获授权只显示登记信息）");
        c.MapPost("", async (ClueInput b, ClueService s, CancellationToken ct) =>
        {
            var id = await s.RegisterAsync(b, null, ct);
            return TypedResults.Created($"/api/v1/clues/{id}", await s.GetAsync(id, ct));
        }).RequireAuthorization(nameof(Permission.RegisterClues)).WithSummary("登记问题线索").ProducesValidationProblem();
        c.MapPut("/{id:guid}", async (Guid id, ClueBody b, ClueService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, b.Clue, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).RequireAuthorization(nameof(Permission.RegisterClues)).WithSummary("修改（移交前）").ProducesValidationProblem().ProducesProblem(409);
        c.MapDelete("/{id:guid}", async (Guid id, string? reason, ClueService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, reason, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(nameof(Permission.RegisterClues)).WithSummary("删除（移交前；销毁其密钥）");
        c.MapPost("/{id:guid}/dispose", async (Guid id, DisposeBody b, ClueService s, CancellationToken ct) =>
        {
            await s.DisposeAsync(id, new ClueDisposalInput(b.Disposal, b.Form, b.Outcome, b.On), Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).RequireAuthorization().WithSummary("接收单位登记处置：谈话函询、初步核实、暂存待查、予以了结，以及四种形态和结果").ProducesValidationProblem().ProducesProblem(409);
        c.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, ClueService s, HttpContext ctx, CancellationToken ct) =>
        {
            var (file, content) = await s.FileAsync(id, fileId, ct);
            return Download(ctx, file, content);
        }).RequireAuthorization().WithSummary("下载线索附件");

        var t = api.MapGroup("/clue-transfers").WithTags("问题线索").RequireAuthorization();
        t.MapGet("", async (ClueTransferService s, CancellationToken ct) => TypedResults.Ok(await s.TransfersAsync(ct))).WithSummary("移交批次");
        t.MapGet("/{id:guid}", async (Guid id, ClueTransferService s, CancellationToken ct) => TypedResults.Ok(await s.TransferAsync(id, ct))).WithSummary("移交批次详情");
        t.MapPost("", async (ClueTransferInput b, ClueTransferService s, CancellationToken ct) =>
        {
            var id = await s.TransferAsync(b, ct);
            return TypedResults.Created($"/api/v1/clue-transfers/{id}", await s.TransferAsync(id, ct));
        }).RequireAuthorization(nameof(Permission.TransferClues)).WithSummary("巡察办成批移交线索（同一轮次）").ProducesValidationProblem();
        t.MapPost("/{id:guid}/acknowledge", async (Guid id, DateBody b, ClueTransferService s, CancellationToken ct) =>
        {
            await s.AcknowledgeAsync(id, b.Date, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.TransferAsync(id, ct));
        }).WithSummary("接收单位签收（回复期限自签收起算）").ProducesValidationProblem().ProducesProblem(409);
        t.MapGet("/{id:guid}/list.docx", async (Guid id, ClueTransferService s, CancellationToken ct) =>
        {
            var name = "";
            var file = await Downloads.TempAsync(async o => name = await s.TransferListAsync(id, o, ct));
            return TypedResults.File(file, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
        }).WithSummary("问题线索移交清单 .docx");
        // ── individual talks ──
        var talks = nameof(Permission.RecordTalks);
        var tt = api.MapGroup("/targets/{targetId:guid}").WithTags("个别谈话").RequireAuthorization(talks);
        tt.MapGet("/talks", async (Guid targetId, TalkService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(targetId, ct)))
            .WithSummary("被巡察单位的谈话名单和领导班子名册（本组和巡察办）");
        tt.MapPost("/talks", async (Guid targetId, TalkInput b, TalkService s, CancellationToken ct) =>
        {
            var id = await s.AddAsync(targetId, b, ct);
            return TypedResults.Created($"/api/v1/talks/{id}", await s.GetAsync(id, ct));
        }).WithSummary("加入谈话名单").ProducesValidationProblem();
        tt.MapPost("/talks/default", async (Guid targetId, TalkService s, CancellationToken ct) =>
            TypedResults.Ok(new { added = await s.PlanDefaultAsync(targetId, ct) }))
            .WithSummary("按名册生成默认名单：班子成员、纪检和组织负责人、近三年退休领导（已在名单上的不重复）");
        tt.MapPost("/leaders", async (Guid targetId, LeaderInput b, TalkService s, CancellationToken ct) =>
            TypedResults.Ok(new { id = await s.AddLeaderAsync(targetId, b, ct) })).WithSummary("登记单位领导班子名册").ProducesValidationProblem();
        tt.MapDelete("/leaders/{leaderId:guid}", async (Guid targetId, Guid leaderId, TalkService s, CancellationToken ct) =>
        {
            await s.RemoveLeaderAsync(targetId, leaderId, ct);
            return TypedResults.NoContent();
        }).WithSummary("从名册删除");
        var tk = api.MapGroup("/talks").WithTags("个别谈话").RequireAuthorization(talks);
        tk.MapGet("/{id:guid}", async (Guid id, TalkService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .WithSummary("谈话记录（每次查看记入审计日志）");
        tk.MapPost("/{id:guid}/record", async (Guid id, TalkRecordBody b, TalkService s, CancellationToken ct) =>
        {
            await s.RecordAsync(id, new TalkRecordInput(b.TalkedOn, b.Interviewers, b.Place, b.Content, b.Confirmed, b.ConfirmationNote), Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).WithSummary("记录谈话：日期、至少两名谈话人、内容、本人确认").ProducesValidationProblem().ProducesProblem(409);
        tk.MapPost("/{id:guid}/cancel", async (Guid id, ReasonBody b, TalkService s, CancellationToken ct) =>
        {
            await s.CancelAsync(id, b.Reason, Versions.Required(b.Version), ct);
            return TypedResults.Ok(await s.GetAsync(id, ct));
        }).WithSummary("取消（写明原因）").ProducesValidationProblem().ProducesProblem(409);
        return api;
    }

    public sealed record TalkRecordBody(DateOnly? TalkedOn, IReadOnlyList<Guid>? Interviewers, string? Place, string? Content, bool Confirmed,
        string? ConfirmationNote, uint? Version);

    /// <summary>The public endpoints act as nobody, with no address attached to anything they write.</summary>
    private static PublicReportService Public(HttpContext ctx, PublicReportService s)
    {
        ctx.RequestServices.GetRequiredService<CurrentActor>().Value = Actor.PublicReporter();
        return s;
    }

    /// <summary>The address, for the in-memory guessing throttle only.</summary>
    internal static string? Client(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString();

    internal static IResult Download(HttpContext ctx, SealedFileView file, byte[] content)
    {
        Downloads.Guard(ctx.Response, confidential: true);
        return TypedResults.File(content, file.ContentType, file.FileName);
    }
}
