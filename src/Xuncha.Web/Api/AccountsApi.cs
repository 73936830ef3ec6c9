using Microsoft.AspNetCore.Http.HttpResults;
using Xuncha.Accounts;
using Xuncha.Common;

namespace Xuncha.Web.Api;

public static class AccountsApi
{
    public sealed record AccountBody(string? UserName, string? DisplayName, Guid? OrganizationId, string? Version);

    public sealed record RolesBody(IReadOnlyList<string>? Roles, string? Version);

    public sealed record VersionBody(string? Version);

    public sealed record AccountDto(
        Guid Id, string UserName, string DisplayName, Guid? OrganizationId, string? OrganizationName, IReadOnlyList<string> Roles,
        bool IsActive, bool MustChangePassword, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, string Version);

    public sealed record CreatedDto(AccountDto Account, string OneTimePassword);

    public sealed record PasswordDto(string OneTimePassword);

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/accounts").WithTags("账号");
        var accounts = nameof(Permission.ManageAccounts);
        // listing is open to both the system and the security administrator; the service checks which
        g.MapGet("", async (string? search, AccountService s, CancellationToken ct) => TypedResults.Ok((await s.ListAsync(search, ct)).Select(Dto).ToList()))
            .RequireAuthorization().WithSummary("账号列表（系统管理员、安全管理员）");
        g.MapGet("/{id:guid}", async (Guid id, AccountService s, CancellationToken ct) => TypedResults.Ok(Dto(await s.GetAsync(id, ct))))
            .RequireAuthorization().WithSummary("一个账号");
        g.MapPost("", CreateAsync).RequireAuthorization(accounts).WithSummary("新建账号（返回一次性密码；角色由安全管理员分配）").ProducesValidationProblem();
        g.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(accounts).WithSummary("修改姓名、所在组织").ProducesValidationProblem().ProducesProblem(409);
        g.MapPost("/{id:guid}/reset-password", ResetAsync).RequireAuthorization(accounts).WithSummary("重置密码（返回一次性密码）");
        g.MapPost("/{id:guid}/unlock", UnlockAsync).RequireAuthorization(accounts).WithSummary("解除锁定");
        g.MapPost("/{id:guid}/deactivate", (Guid id, VersionBody b, AccountService s, CancellationToken ct) => SetActiveAsync(id, false, b, s, ct))
            .RequireAuthorization(accounts).WithSummary("停用账号");
        g.MapPost("/{id:guid}/activate", (Guid id, VersionBody b, AccountService s, CancellationToken ct) => SetActiveAsync(id, true, b, s, ct))
            .RequireAuthorization(accounts).WithSummary("启用账号");
        g.MapGet("/{id:guid}/sessions", async (Guid id, SessionService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(id, ct)))
            .RequireAuthorization(accounts).WithSummary("账号的登录会话（网页和接口；最近 200 个）");
        g.MapDelete("/{id:guid}/sessions/{sessionId:guid}", async (Guid id, Guid sessionId, SessionService s, CancellationToken ct) =>
            {
                await s.EndByAdministratorAsync(id, sessionId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(accounts).WithSummary("强制下线：结束一个会话（其网页登录和访问令牌随即失效）");
        g.MapDelete("/{id:guid}/sessions", async (Guid id, SessionService s, CancellationToken ct) =>
                TypedResults.Ok(new { ended = await s.EndByAdministratorAsync(id, null, ct) }))
            .RequireAuthorization(accounts).WithSummary("强制下线：结束账号的全部会话");
        g.MapPut("/{id:guid}/roles", RolesAsync).RequireAuthorization(nameof(Permission.ManageRoles))
            .WithSummary("分配角色（安全管理员）：office, leading-group, group-leader, group-member, unit, discipline, sysadmin, secadmin, auditadmin")
            .ProducesValidationProblem().ProducesProblem(409);
        return api;
    }

    private static async Task<Created<CreatedDto>> CreateAsync(AccountBody b, AccountService s, CancellationToken ct)
    {
        var created = await s.CreateAsync(new AccountInput(b.UserName, b.DisplayName, b.OrganizationId), [], null, ct);
        return TypedResults.Created($"/api/v1/accounts/{created.Account.Id}", new CreatedDto(Dto(created.Account), created.OneTimePassword!));
    }

    private static async Task<Ok<AccountDto>> UpdateAsync(Guid id, AccountBody b, AccountService s, CancellationToken ct) =>
        TypedResults.Ok(Dto(await s.UpdateAsync(id, new AccountInput(b.UserName, b.DisplayName, b.OrganizationId), Required(b.Version), ct)));

    private static async Task<Ok<PasswordDto>> ResetAsync(Guid id, AccountService s, CancellationToken ct) =>
        TypedResults.Ok(new PasswordDto(await s.ResetPasswordAsync(id, ct)));

    private static async Task<NoContent> UnlockAsync(Guid id, AccountService s, CancellationToken ct)
    {
        await s.UnlockAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AccountDto>> SetActiveAsync(Guid id, bool active, VersionBody b, AccountService s, CancellationToken ct)
    {
        await s.SetActiveAsync(id, active, Required(b.Version), ct);
        return TypedResults.Ok(Dto(await s.GetAsync(id, ct)));
    }

    private static async Task<Ok<AccountDto>> RolesAsync(Guid id, RolesBody b, AccountService s, CancellationToken ct)
    {
        var roles = new List<Role>();
        foreach (var key in b.Roles ?? [])
            roles.Add(Roles.TryParse(key, out var r) ? r : throw new ValidationException("roles", string.Format(Messages.Roles_Unknown, key)));
        return TypedResults.Ok(Dto(await s.SetRolesAsync(id, roles.Distinct().ToList(), Required(b.Version), ct)));
    }

    private static string Required(string? version) =>
        string.IsNullOrEmpty(version) ? throw new ValidationException("version", Messages.Error_VersionRequired) : version;

    private static AccountDto Dto(AccountView a) => new(
        a.Id, a.UserName, a.DisplayName, a.OrganizationId, a.OrganizationName, a.Roles.Select(r => r.Key()).ToList(),
        a.IsActive, a.MustChangePassword, a.LockedUntil, a.LastSignInAt, a.CreatedAt, a.Version);
}
