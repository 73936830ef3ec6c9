using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Xuncha.Accounts;
using Xuncha.Common;
using Xuncha.Web.Infrastructure;

namespace Xuncha.Web.Api;

public static class AuthApi
{
    public sealed record LoginBody(string? UserName, string? Password);

    public sealed record ChangePasswordBody(string? UserName, string? CurrentPassword, string? NewPassword);

    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, Guid? OrganizationId, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/auth").WithTags("认证");
        g.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(WebServices.LoginRateLimit)
            .WithSummary("登录，取得访问令牌").Produces<AccessTokenResponse>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(423).ProducesValidationProblem();
        g.MapPost("/change-password", ChangePasswordAsync).AllowAnonymous().RequireRateLimiting(WebServices.LoginRateLimit)
            .WithSummary("用当前密码修改密码（也用于首次登录前的强制修改）").ProducesProblem(423).ProducesValidationProblem();
        g.MapGet("/me", Me).RequireAuthorization().WithSummary("当前用户");
        return api;
    }

    private static async Task<IResult> LoginAsync(LoginBody body, SignInService signIn, IUserClaimsPrincipalFactory<User> principals, HttpContext ctx)
    {
        var check = await signIn.CheckAsync(body.UserName, body.Password, ctx.RequestAborted);
        switch (check.Outcome)
        {
            case SignInOutcome.Success:
                var principal = await principals.CreateAsync(check.User!);
                return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            case SignInOutcome.LockedOut:
                var until = check.LockedUntil!.Value;
                return Problem(ctx, 423, "locked-out", string.Format(Messages.SignIn_LockedOut, until.ToLocalTime().ToString("yyyy-MM-dd HH:mm")),
                    new Dictionary<string, object?> { ["lockedUntil"] = until });
            case SignInOutcome.PasswordChangeRequired:
                return Problem(ctx, 403, "password-change-required", Messages.Problem_PasswordChangeRequired);
            case SignInOutcome.Failed:
            default:
                return Problem(ctx, 401, "unauthorized", Messages.Problem_WrongCredentials);
        }
    }

    private static async Task<NoContent> ChangePasswordAsync(ChangePasswordBody body, SignInService signIn, HttpContext ctx)
    {
        await signIn.ChangePasswordAsync(body.UserName, body.CurrentPassword, body.NewPassword, ctx.RequestAborted);
        return TypedResults.NoContent();
    }

    private static MeResponse Me(CurrentActor actor) => new(
        actor.Value.UserId!.Value, actor.Value.UserName, actor.Value.DisplayName, actor.Value.OrganizationId,
        actor.Value.Roles.Order().Select(r => r.Key()).ToList());

    private static IResult Problem(HttpContext ctx, int status, string slug, string title, Dictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?>(extensions ?? []) { ["traceId"] = ctx.TraceIdentifier };
        return TypedResults.Problem(title: title, detail: title, statusCode: status, type: HttpProblems.Type(slug), extensions: ext);
    }
}
