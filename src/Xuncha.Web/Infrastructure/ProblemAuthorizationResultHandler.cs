using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Xuncha.Web.Infrastructure;

/// <summary>API callers who are refused get problem+json (401 or 403); pages keep the sign-in and denied redirects.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (context.Request.IsApi() && (result.Challenged || result.Forbidden))
        {
            var signedIn = context.User.Identity?.IsAuthenticated == true;
            return signedIn && result.Forbidden
                ? HttpProblems.Write(context, StatusCodes.Status403Forbidden, Messages.Error_Forbidden, "forbidden")
                : HttpProblems.Write(context, StatusCodes.Status401Unauthorized, Messages.Problem_Unauthorized, "unauthorized");
        }
        return _default.HandleAsync(next, context, policy, result);
    }
}
