using Microsoft.AspNetCore.Http.HttpResults;
using Xuncha.Common;
using Xuncha.Organizations;

namespace Xuncha.Web.Api;

public static class TermsApi
{
    public sealed record TermBody(Guid? CommitteeId, string? Name, DateOnly? StartDate, DateOnly? EndDate, uint? Version);

    public static RouteGroupBuilder MapTermsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/terms").WithTags("届次");
        g.MapGet("", async (TermService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .RequireAuthorization(nameof(Permission.ViewOrganizations)).WithSummary("党委的各届");
        g.MapGet("/{id:guid}", async (Guid id, TermService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .RequireAuthorization(nameof(Permission.ViewOrganizations)).WithSummary("一届");
        g.MapPost("", CreateAsync).RequireAuthorization(nameof(Permission.ManageTerms)).WithSummary("新增一届").ProducesValidationProblem();
        g.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(nameof(Permission.ManageTerms)).WithSummary("修改一届").ProducesValidationProblem().ProducesProblem(409);
        return api;
    }

    private static async Task<Created<TermView>> CreateAsync(TermBody b, TermService s, CancellationToken ct)
    {
        var term = await s.CreateAsync(new TermInput(b.CommitteeId, b.Name, b.StartDate, b.EndDate), ct);
        return TypedResults.Created($"/api/v1/terms/{term.Id}", term);
    }

    private static async Task<Ok<TermView>> UpdateAsync(Guid id, TermBody b, TermService s, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(id, new TermInput(b.CommitteeId, b.Name, b.StartDate, b.EndDate), Versions.Required(b.Version), ct));
}
