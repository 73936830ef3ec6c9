using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Turns the signed-in principal into the request's <see cref="Actor"/>, read fresh from the database: a
/// deactivated account, a reset password or changed roles take effect on the next request, for cookies and
/// bearer tokens alike.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, CurrentActor current, XunchaDbContext db, IOptions<IdentityOptions> identity)
    {
        var address = ctx.Connection.RemoteIpAddress?.ToString();
        current.Value = Actor.Anonymous(address);
        if (ctx.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(ctx.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            var stamp = ctx.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.UserName, u.DisplayName, u.OrganizationId, u.IsActive, u.SecurityStamp, u.MustChangePassword })
                .SingleOrDefaultAsync(ctx.RequestAborted);
            if (user is null || !user.IsActive || user.MustChangePassword || user.SecurityStamp != stamp)
            {
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    await ctx.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
            else
            {
                var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                   where ur.UserId == id select r.Name).ToListAsync(ctx.RequestAborted);
                current.Value = new Actor
                {
                    UserId = id, UserName = user.UserName!, DisplayName = user.DisplayName, OrganizationId = user.OrganizationId,
                    Roles = roles.Select(n => Roles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
                    ClientAddress = address,
                };
            }
        }
        await next(ctx);
    }
}
