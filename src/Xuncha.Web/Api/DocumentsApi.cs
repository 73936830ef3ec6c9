using Microsoft.AspNetCore.Mvc;
using Xuncha.Documents;
using Xuncha.Problems;
using Xuncha.Rectification;

namespace Xuncha.Web.Api;

/// <summary>Official documents (.docx) from their templates, the templates themselves, the problem list and the plan's task table (.xlsx), the plan import.</summary>
public static class DocumentsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The kinds as they appear in addresses: round-plan, group-report, feedback, rectification-plan, rectification-report, appraisal.</summary>
    public static string Slug(DocumentKind kind) => string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static DocumentKind Kind(string slug) =>
        Enum.GetValues<DocumentKind>().FirstOrDefault(k => Slug(k) == slug, (DocumentKind)(-1)) is var k && Enum.IsDefined(k) ? k : throw new NotFoundException();

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        var view = nameof(Permission.ViewRounds);
        var manage = nameof(Permission.ManageTemplates);
        api.MapGet("/documents/{kind}/{id:guid}", DownloadAsync).RequireAuthorization(view).WithTags("公文")
            .WithSummary("生成公文 .docx：round-plan（轮次 id：巡察工作方案）、group-report（巡察组 id：巡察报告）、feedback（巡察对象 id：反馈意见）、"
                         + "rectification-plan（巡察对象 id：整改方案）、rectification-report（巡察对象 id：整改报告）、appraisal（轮次 id：鉴定表）、entry-announcement（巡察组 id：进驻公告，含网上举报链接和二维码）");

        var t = api.MapGroup("/templates").WithTags("公文模板").RequireAuthorization(manage);
        t.MapGet("", async (TemplateService s, CancellationToken ct) => TypedResults.Ok(new { templates = await s.ListAsync(ct), fonts = TemplateService.Fonts() }))
            .WithSummary("各类公文的模板（默认或已上传）、可用占位符，以及服务器上的公文字体");
        t.MapGet("/{kind}", async (string kind, bool? @default, TemplateService s, CancellationToken ct) =>
        {
            var (name, content) = await s.DownloadAsync(Kind(kind), @default == true, ct);
            return TypedResults.File(content, DocxType, name);
        }).WithSummary("下载当前模板（default=true 下载默认模板），在 Word 中修改后上传");
        t.MapGet("/{kind}/sample", async (string kind, DocumentService s, CancellationToken ct) =>
        {
            string name = "";
            var stream = await Downloads.TempAsync(async st => name = await s.WriteSampleAsync(Kind(kind), st, ct));
            return TypedResults.File(stream, DocxType, name);
        }).WithSummary("用示例数据填充当前模板，预览效果");
        t.MapPut("/{kind}", async (string kind, IFormFile file, [FromQuery] uint? version, TemplateService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                var result = await s.UploadAsync(Kind(kind), stream, file.FileName, Versions.Required(version), ct);
                return TypedResults.Ok(new { warnings = result.Warnings });
            }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(TemplateService.MaxBytes + 64 * 1024))
            .WithSummary("上传模板 .docx（占位符写作 {{名称}}，表格行中的 {{#列表}} 按列表重复该行，段落 {{#列表}} … {{/列表}} 重复其间内容）")
            .ProducesValidationProblem().ProducesProblem(409);
        t.MapDelete("/{kind}", async (string kind, TemplateService s, CancellationToken ct) =>
        {
            await s.RestoreDefaultAsync(Kind(kind), ct);
            return TypedResults.NoContent();
        }).WithSummary("恢复默认模板");

        api.MapGet("/rounds/{roundId:guid}/problems.xlsx", async (Guid roundId, ProblemExport export, CancellationToken ct) =>
        {
            string name = "";
            var stream = await Downloads.TempAsync(async st => name = (await export.ExportAsync(new ProblemFilter(RoundId: roundId), st, ct)).FileName);
            return TypedResults.File(stream, Downloads.XlsxType, name);
        }).RequireAuthorization(view).WithTags("问题").WithSummary("导出本轮问题清单 .xlsx（按角色可见范围）");

        var p = api.MapGroup("/targets/{targetId:guid}/plan").WithTags("反馈与整改");
        p.MapGet("/tasks.xlsx", async (Guid targetId, PlanImport import, CancellationToken ct) =>
        {
            string name = "";
            var stream = await Downloads.TempAsync(async st => name = (await import.ExportAsync(targetId, st, ct)).FileName);
            return TypedResults.File(stream, Downloads.XlsxType, name);
        }).RequireAuthorization(view).WithSummary("导出整改方案任务表 .xlsx（与整改台账同列，可修改后再导入）");
        p.MapPost("/import", async (Guid targetId, IFormFile file, [FromQuery] bool? dryRun, PlanImport import, CancellationToken ct) =>
            {
                if (file.Length > PlanImport.MaxBytes)
                    throw new ValidationException("file", string.Format(Messages.Import_TooLarge, PlanImport.MaxBytes / 1024 / 1024));
                await using var stream = await Downloads.TempAsync(s => file.CopyToAsync(s, ct));
                var result = await import.RunAsync(targetId, stream, file.FileName, commit: dryRun != true, ct);
                return result.IsValid
                    ? TypedResults.Ok(new { isValid = true, result.Committed, result.Created, result.Updated, result.Unchanged, result.NotInFile, result.Warnings, result.Rows })
                    : OrganizationsApi.ImportProblem(result.Issues, result.Rows);
            }).RequireAuthorization(nameof(Permission.WritePlans)).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(PlanImport.MaxBytes + 64 * 1024))
            .WithSummary("从 Excel 导入整改方案或台账（表头：反馈问题、整改目标、整改措施、责任领导、牵头单位、完成时限 必填；协办单位、整改类型、阶段目标、问题编号 可选；"
                         + "同义表头如 整改时限/完成时间、责任单位 亦可）；dryRun=true 只预览；全部无误才写入，重复导入不产生重复任务")
            .ProducesValidationProblem();
        return api;
    }

    internal static async Task<IResult> DownloadAsync(string kind, Guid id, DocumentService documents, HttpContext ctx, CancellationToken ct)
    {
        var k = Kind(kind);
        if (k == DocumentKind.ClueTransfer) throw new NotFoundException();
        string name = "";
        var stream = await Downloads.TempAsync(async st => name = await documents.WriteAsync(k, id, st, ct));
        return TypedResults.File(stream, DocxType, name);
    }
}
