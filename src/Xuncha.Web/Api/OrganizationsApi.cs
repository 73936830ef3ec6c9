using Xuncha.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Xuncha.Common;
using Xuncha.Organizations;

namespace Xuncha.Web.Api;

public static class OrganizationsApi
{
    public sealed record OrganizationBody(string? Code, string? Name, OrganizationType? Type, Guid? ParentId, string? Secretary, int? SortOrder, uint? Version);

    public sealed record MoveBody(Guid? ParentId, uint? Version);

    public sealed record VersionBody(uint? Version);

    public sealed record OrganizationDto(
        Guid Id, string Code, string Name, OrganizationType Type, string TypeName, Guid? ParentId, string? ParentName,
        string? Secretary, int SortOrder, bool IsActive, int Depth, int ChildCount, uint Version, bool? Matched = null);

    public sealed record ImportResponse(bool IsValid, int Imported, IReadOnlyList<OrganizationImportRow> Rows, IReadOnlyList<ImportIssue> Issues);

    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/organizations").WithTags("组织机构");
        var view = nameof(Permission.ViewOrganizations);
        var manage = nameof(Permission.ManageOrganizations);
        g.MapGet("", ListAsync).RequireAuthorization(view).WithSummary("组织树（深度优先顺序；search 保留匹配项及其上级）");
        g.MapGet("/options", OptionsAsync).RequireAuthorization(nameof(Permission.PickOrganizations)).WithSummary("供选择的组织（编码、名称）");
        g.MapGet("/{id:guid}", GetAsync).RequireAuthorization(view).WithSummary("一个组织");
        g.MapPost("", CreateAsync).RequireAuthorization(manage).WithSummary("新增组织").ProducesValidationProblem().ProducesProblem(409);
        g.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(manage).WithSummary("修改组织（改上级即移动）").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/move", MoveAsync).RequireAuthorization(manage).WithSummary("移动到新的上级").ProducesProblem(409);
        g.MapPost("/{id:guid}/deactivate", DeactivateAsync).RequireAuthorization(manage).WithSummary("停用（有历史的组织不删除）").ProducesProblem(409);
        g.MapPost("/{id:guid}/reactivate", ReactivateAsync).RequireAuthorization(manage).WithSummary("重新启用").ProducesProblem(409);
        g.MapGet("/export", ExportAsync).RequireAuthorization(view).WithSummary("导出为 .xlsx");
        g.MapPost("/import", ImportAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("从 .xlsx/.csv 导入（表头：名称、上级、类型、书记、编码）；dryRun=true 只预览").ProducesValidationProblem();
        return api;
    }

    private static async Task<Ok<List<OrganizationDto>>> ListAsync(OrganizationService service, string? search, bool? includeInactive, CancellationToken ct)
    {
        var lines = await service.TreeAsync(search, includeInactive ?? true, ct);
        return TypedResults.Ok(lines.Select(l => Dto(l.Org, string.IsNullOrWhiteSpace(search) ? null : l.Matched)).ToList());
    }

    private static async Task<Ok<IReadOnlyList<OrganizationOption>>> OptionsAsync(OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.OptionsAsync(ct: ct));

    private static async Task<Ok<OrganizationDto>> GetAsync(Guid id, OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(Dto(await service.GetAsync(id, ct)));

    private static async Task<Created<OrganizationDto>> CreateAsync(OrganizationBody body, OrganizationService service, CancellationToken ct)
    {
        var created = await service.CreateAsync(Input(body), ct);
        return TypedResults.Created($"/api/v1/organizations/{created.Id}", Dto(created));
    }

    private static async Task<Ok<OrganizationDto>> UpdateAsync(Guid id, OrganizationBody body, OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(Dto(await service.UpdateAsync(id, Input(body), Versions.Required(body.Version), ct)));

    private static async Task<Ok<OrganizationDto>> MoveAsync(Guid id, MoveBody body, OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(Dto(await service.MoveAsync(id, body.ParentId, Versions.Required(body.Version), ct)));

    private static async Task<Ok<OrganizationDto>> DeactivateAsync(Guid id, VersionBody body, OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(Dto(await service.DeactivateAsync(id, Versions.Required(body.Version), ct)));

    private static async Task<Ok<OrganizationDto>> ReactivateAsync(Guid id, VersionBody body, OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(Dto(await service.ReactivateAsync(id, Versions.Required(body.Version), ct)));

    private static Task<FileStreamHttpResult> ExportAsync(OrganizationExport export, TimeProvider clock, CancellationToken ct) =>
        Downloads.XlsxAsync(s => export.WriteAsync(s, ct), $"组织机构-{Downloads.Stamp(clock)}.xlsx");

    private static async Task<IResult> ImportAsync(IFormFile file, [FromQuery] bool? dryRun, OrganizationImport import, CancellationToken ct)
    {
        if (file.Length > OrganizationImport.MaxBytes)
            throw new ValidationException("file", string.Format(Messages.Import_TooLarge, OrganizationImport.MaxBytes / 1024 / 1024));
        await using var stream = await Downloads.TempAsync(s => file.CopyToAsync(s, ct));
        var result = await import.RunAsync(stream, file.FileName, commit: dryRun != true, ct);
        return result.IsValid ? TypedResults.Ok(new ImportResponse(true, result.Imported, result.Rows, [])) : ImportProblem(result.Issues, result.Rows);
    }

    /// <summary>A refused import: every issue as a field error "第N行.列", and the rows as read.</summary>
    internal static IResult ImportProblem(IReadOnlyList<ImportIssue> issues, object rows)
    {
        var errors = issues.GroupBy(i => $"第{i.Row}行.{i.Column}").ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray());
        return TypedResults.Problem(new ValidationProblemDetails(errors)
        {
            Status = 400, Title = Messages.Error_Validation, Type = Infrastructure.HttpProblems.Type("import"),
            Detail = string.Format(Messages.Import_NothingImported, issues.Count),
            Extensions = { ["issues"] = issues, ["rows"] = rows },
        });
    }

    private static OrganizationInput Input(OrganizationBody b) => new(b.Code, b.Name, b.Type, b.ParentId, b.Secretary, b.SortOrder ?? 0);

    private static OrganizationDto Dto(OrganizationView o, bool? matched = null) =>
        new(o.Id, o.Code, o.Name, o.Type, o.TypeName, o.ParentId, o.ParentName, o.Secretary, o.SortOrder, o.IsActive, o.Depth, o.ChildCount, o.Version, matched);
}
