using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Xuncha.Accounts;
using Microsoft.Extensions.Options;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Web.Infrastructure;

namespace Xuncha.Web.Api;

public static class AuthApi
{
    public sealed record LoginBody(string? UserName, string? Password);

    public sealed record ChangePasswordBody(string? UserName, string? CurrentPassword, string? NewPassword);

    public sealed record RefreshBody(string? RefreshToken);

    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, Guid? OrganizationId, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/auth").WithTags("认证");
        g.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(WebServices.LoginRateLimit)
            .WithSummary("登录，取得访问令牌").Produces<AccessTokenResponse>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(423).ProducesValidationProblem();
        g.MapPost("/change-password", ChangePasswordAsync).AllowAnonymous().RequireRateLimiting(WebServices.LoginRateLimit)
            .WithSummary("用当前密码修改密码（也用于首次登录前的强制修改）").ProducesProblem(423).ProducesValidationProblem();
        g.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(WebServices.LoginRateLimit)
            .WithSummary("用刷新令牌换取新的访问令牌和刷新令牌（刷新令牌只能用一次；会话最长 12 小时）").Produces<AccessTokenResponse>().ProducesProblem(401);
        g.MapPost("/logout", LogoutAsync).RequireAuthorization().WithSummary("退出：结束本会话，访问令牌和刷新令牌随即失效");
        g.MapGet("/me", Me).RequireAuthorization().WithSummary("当前用户");
        return api;
    }

    private static async Task<IResult> LoginAsync(LoginBody body, SignInService signIn, SessionService sessions, IUserClaimsPrincipalFactory<User> principals, HttpContext ctx)
    {
        var check = await signIn.CheckAsync(body.UserName, body.Password, ctx.RequestAborted);
        switch (check.Outcome)
        {
            case SignInOutcome.Success:
                var session = await sessions.StartAsync(check.User!.Id, SessionKind.Api, ctx.Connection.RemoteIpAddress?.ToString(),
                    ctx.Request.Headers.UserAgent.ToString(), ct: ctx.RequestAborted);
                return await TokensAsync(principals, check.User, session.Id, session.RefreshId!.Value);
            case SignInOutcome.LockedOut:
                var until = check.LockedUntil!.Value;
                return Problem(ctx, 423, "locked-out", LockedOutException.Text(until, ctx.RequestServices.GetRequiredService<TimeProvider>()),
                    new Dictionary<string, object?> { ["lockedUntil"] = until });
            case SignInOutcome.PasswordChangeRequired:
                return Problem(ctx, 403, "password-change-required", Messages.Problem_PasswordChangeRequired);
            case SignInOutcome.Failed:
            default:
                return Problem(ctx, 401, "unauthorized", Messages.Problem_WrongCredentials);
        }
    }

    /// <summary>
    /// A new pair of tokens for a refresh token that is still the session's current one; the old pair stops working.
    /// A refresh token used twice ends its session (someone else may hold it).
    /// </summary>
    private static async Task<IResult> RefreshAsync(RefreshBody body, SessionService sessions, XunchaUserManager users,
        IUserClaimsPrincipalFactory<User> principals, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, HttpContext ctx)
    {
        var ticket = string.IsNullOrEmpty(body.RefreshToken) ? null
            : bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= clock.GetUtcNow()
            || !Guid.TryParse(ticket.Principal.FindFirstValue(SessionClaims.Id), out var sid)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(SessionClaims.Refresh), out var rid)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return Problem(ctx, 401, "unauthorized", Messages.Problem_RefreshInvalid);
        var user = await users.FindByIdAsync(userId.ToString());
        var stamp = ticket.Principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        if (user is null || !user.IsActive || user.MustChangePassword || user.SecurityStamp != stamp)
            return Problem(ctx, 401, "unauthorized", Messages.Problem_RefreshInvalid);
        var next = await sessions.RotateRefreshAsync(sid, rid, ctx.RequestAborted);
        return next is { } r ? await TokensAsync(principals, user, sid, r) : Problem(ctx, 401, "unauthorized", Messages.Problem_RefreshInvalid);
    }

    private static async Task<NoContent> LogoutAsync(CurrentActor actor, SessionService sessions, XunchaDbContext db, CancellationToken ct)
    {
        if (actor.Value.SessionId is { } sid)
        {
            await sessions.EndAsync(sid, SessionEnd.SignedOut, ct);
            await db.RecordNowAsync(Audit.AuditAction.SignOut, "users", actor.Value.UserId.ToString(), ct: ct);
        }
        return TypedResults.NoContent();
    }

    /// <summary>The bearer handler writes the access and refresh tokens; both carry the session and its current refresh id.</summary>
    private static async Task<IResult> TokensAsync(IUserClaimsPrincipalFactory<User> principals, User user, Guid sessionId, Guid refreshId)
    {
        var principal = await principals.CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.Id, sessionId.ToString()));
        identity.AddClaim(new Claim(SessionClaims.Refresh, refreshId.ToString()));
        return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
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
