using Microsoft.AspNetCore.Authorization;
using Xuncha.Common;

namespace Xuncha.Web.Infrastructure;

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>Answers "may you?" from the request's actor, whose roles were read fresh from the database.</summary>
public sealed class PermissionHandler(CurrentActor actor) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (actor.Value.Can(requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
