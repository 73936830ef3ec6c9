using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xuncha.Accounts;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Turns the signed-in principal into the request's <see cref="Actor"/>, read fresh from the database with its
/// server-side session: a session that was ended, idled out or outlived 12 hours, a deactivated account, a
/// changed password or changed roles take effect on the next request, for cookies and bearer tokens alike.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, CurrentActor current, XunchaDbContext db, SessionService sessions, IOptions<IdentityOptions> identity)
    {
        var address = ctx.Connection.RemoteIpAddress?.ToString();
        current.Value = Actor.Anonymous(address);
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            var actor = await SignedInAsync(ctx, db, sessions, identity.Value, address);
            if (actor is not null) current.Value = actor;
            else
            {
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!WebServices.UsesBearer(ctx.Request)) await ctx.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        }
        await next(ctx);
    }

    private static async Task<Actor?> SignedInAsync(HttpContext ctx, XunchaDbContext db, SessionService sessions, IdentityOptions identity, string? address)
    {
        if (!Guid.TryParse(ctx.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Guid.TryParse(ctx.User.FindFirstValue(SessionClaims.Id), out var sid)) return null;
        var bearer = WebServices.UsesBearer(ctx.Request);
        var kind = bearer ? SessionKind.Api : SessionKind.Cookie;
        var row = await (from s in sessions.Live().AsNoTracking()
                         where s.Id == sid && s.UserId == id && s.Kind == kind
                         join u in db.Users on s.UserId equals u.Id
                         select new { u.UserName, u.DisplayName, u.OrganizationId, u.IsActive, u.SecurityStamp, u.MustChangePassword, s.RefreshId, s.LastSeenAt })
            .SingleOrDefaultAsync(ctx.RequestAborted);
        if (row is null || !row.IsActive || row.MustChangePassword
            || row.SecurityStamp != ctx.User.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType)) return null;
        // a bearer token dies with the refresh that replaced it
        if (bearer && row.RefreshId?.ToString() != ctx.User.FindFirstValue(SessionClaims.Refresh)) return null;

        await sessions.TouchAsync(sid, row.LastSeenAt, ctx.RequestAborted);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == id select r.Name).ToListAsync(ctx.RequestAborted);
        return new Actor
        {
            UserId = id, UserName = row.UserName!, DisplayName = row.DisplayName, OrganizationId = row.OrganizationId,
            Roles = roles.Select(n => Roles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
            ClientAddress = address, SessionId = sid,
        };
    }
}
