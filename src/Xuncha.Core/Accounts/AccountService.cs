using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Accounts;

/// <summary>
/// Accounts: the 系统管理员 creates, edits, resets, unlocks and deactivates them; the 安全管理员 assigns roles.
/// Neither may act on their own account here, and administrators' passwords are reset only at the console.
/// </summary>
public sealed partial class AccountService(XunchaDbContext db, XunchaUserManager users, SessionService sessions, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    public async Task<IReadOnlyList<AccountView>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        DemandAny(Permission.ManageAccounts, Permission.ManageRoles);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(u => u.UserName!.Contains(s) || u.DisplayName.Contains(s));
        }
        var list = await q.OrderBy(u => u.UserName).Take(1000).ToListAsync(ct);
        return await ViewsAsync(list, ct);
    }

    public async Task<AccountView> GetAsync(Guid id, CancellationToken ct = default)
    {
        DemandAny(Permission.ManageAccounts, Permission.ManageRoles);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException();
        return (await ViewsAsync([user], ct))[0];
    }

    public async Task<Guid> FindIdAsync(string userName, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName.Trim()) ?? throw new NotFoundException(string.Format(Messages.Account_NoSuchUser, userName));
        return user.Id;
    }

    /// <summary>Creates an account; the password (given, or generated when null) must be changed at first sign-in.</summary>
    public async Task<CreatedAccount> CreateAsync(AccountInput input, IReadOnlyCollection<Role> roles, string? password = null, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageAccounts);
        if (roles.Count > 0) Actor.Demand(Permission.ManageRoles);
        var (userName, displayName) = await ValidateAsync(input, null, ct);
        RoleRules.Check(roles, input.OrganizationId);
        var generated = password is null ? OneTimePassword.Generate() : null;
        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now), UserName = userName, DisplayName = displayName!,
            OrganizationId = input.OrganizationId, MustChangePassword = true, IsActive = true,
            CreatedAt = now, PasswordChangedAt = now, LockoutEnabled = true,
        };
        await db.InTransactionAsync(async () =>
        {
            Check(await users.CreateAsync(user, password ?? generated!), "password");
            if (roles.Count > 0) Check(await users.AddToRolesAsync(user, roles.Select(r => r.Key())), "roles");
        }, ct);
        return new CreatedAccount(await GetAsync(user.Id, ct), generated);
    }

    public async Task<AccountView> UpdateAsync(Guid id, AccountInput input, string? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageAccounts);
        var user = await Load(id, version, ct);
        var (_, displayName) = await ValidateAsync(input with { UserName = user.UserName }, user.Id, ct);
        var roles = await RolesOf(user.Id, ct);
        RoleRules.Check(roles, input.OrganizationId);
        user.DisplayName = displayName!;
        user.OrganizationId = input.OrganizationId;
        Check(await users.UpdateAsync(user), "displayName");
        return await GetAsync(id, ct);
    }

    /// <summary>A new one-time password. Administrators' accounts are reset only at the console (`xuncha user reset-password`).</summary>
    public async Task<string> ResetPasswordAsync(Guid id, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageAccounts);
        var user = await Load(id, null, ct);
        NotSelf(user);
        if (!Actor.IsSystem && (await RolesOf(user.Id, ct)).Any(r => r.IsAdministrator()))
            throw new ForbiddenException(Messages.Account_AdminResetAtConsole);
        var password = OneTimePassword.Generate();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.MustChangePassword = true;
        user.PasswordChangedAt = clock.GetUtcNow();
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        db.Record(AuditAction.PasswordReset, "users", user.Id.ToString());
        await db.InTransactionAsync(async () =>
        {
            Check(await users.UpdateAsync(user), "password");
            await sessions.EndAllAsync(user.Id, SessionEnd.PasswordReset, ct);
        }, ct);
        return password;
    }

    public async Task UnlockAsync(Guid id, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageAccounts);
        var user = await Load(id, null, ct);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        db.Record(AuditAction.Unlock, "users", user.Id.ToString());
        Check(await users.UpdateAsync(user), "lockout");
    }

    public async Task SetActiveAsync(Guid id, bool active, string? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageAccounts);
        var user = await Load(id, version, ct);
        NotSelf(user);
        if (user.IsActive == active) throw new DomainException(active ? Messages.Account_AlreadyActive : Messages.Account_AlreadyInactive);
        user.IsActive = active;
        // signing out everywhere, cookies and tokens (the stamp they carry is old too)
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.InTransactionAsync(async () =>
        {
            Check(await users.UpdateAsync(user), "isActive");
            if (!active) await sessions.EndAllAsync(user.Id, SessionEnd.Deactivated, ct);
        }, ct);
    }

    public async Task<AccountView> SetRolesAsync(Guid id, IReadOnlyCollection<Role> roles, string? version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageRoles);
        var user = await Load(id, version, ct);
        NotSelf(user);
        RoleRules.Check(roles, user.OrganizationId);
        var current = await RolesOf(user.Id, ct);
        var remove = current.Except(roles).Select(r => r.Key()).ToList();
        var add = roles.Except(current).Select(r => r.Key()).ToList();
        await db.InTransactionAsync(async () =>
        {
            if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove), "roles");
            if (add.Count > 0) Check(await users.AddToRolesAsync(user, add), "roles");
        }, ct);
        return await GetAsync(id, ct);
    }

    internal async Task<IReadOnlyList<Role>> RolesOf(Guid userId, CancellationToken ct)
    {
        var names = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId select r.Name).ToListAsync(ct);
        return names.Select(n => Roles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>().Order().ToList();
    }

    private async Task<IReadOnlyList<AccountView>> ViewsAsync(List<User> list, CancellationToken ct)
    {
        var ids = list.Select(u => u.Id).ToList();
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                              where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var orgIds = list.Where(u => u.OrganizationId != null).Select(u => u.OrganizationId!.Value).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var now = clock.GetUtcNow();
        return list.Select(u => new AccountView(
            u.Id, u.UserName!, u.DisplayName, u.OrganizationId,
            u.OrganizationId is { } oid && orgs.TryGetValue(oid, out var on) ? on : null,
            roleRows.Where(r => r.UserId == u.Id).Select(r => Roles.TryParse(r.Name, out var role) ? role : (Role?)null)
                .OfType<Role>().Order().ToList(),
            u.IsActive, u.MustChangePassword, u.LockoutEnd > now ? u.LockoutEnd : null, u.LastSignInAt, u.CreatedAt,
            u.ConcurrencyStamp ?? "")).ToList();
    }

    private async Task<(string? UserName, string? DisplayName)> ValidateAsync(AccountInput input, Guid? self, CancellationToken ct)
    {
        var v = new Validator();
        var userName = v.Line("userName", input.UserName, User.UserNameMax, required: true);
        if (userName is not null && !UserNamePattern().IsMatch(userName)) v.Add("userName", Messages.Identity_InvalidUserName);
        var displayName = v.Line("displayName", input.DisplayName, User.DisplayNameMax, required: true);
        if (input.OrganizationId is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId && o.IsActive, ct))
            v.Add("organizationId", Messages.Account_NoSuchOrganization);
        if (userName is not null && self is null && await users.FindByNameAsync(userName) is not null)
            v.Add("userName", string.Format(Messages.Identity_DuplicateUserName, userName));
        v.ThrowIfInvalid();
        return (userName, displayName);
    }

    private async Task<User> Load(Guid id, string? version, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException();
        if (version is not null && version != user.ConcurrencyStamp) throw new ConcurrencyException();
        return user;
    }

    private void NotSelf(User user)
    {
        if (user.Id == Actor.UserId) throw new ForbiddenException(Messages.Account_NotOnSelf);
    }

    private void DemandAny(params Permission[] permissions)
    {
        if (!permissions.Any(Actor.Can)) throw new ForbiddenException();
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new ValidationException(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@+\-]+$")]
    private static partial Regex UserNamePattern();
}
