using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Accounts;

public sealed record SecurityPolicyInput(int PasswordMinLength, int PasswordCharClasses, int MaxFailedAttempts, int LockoutMinutes);

/// <summary>The 安全管理员 reads and tightens the password and lockout policy.</summary>
public sealed class SecurityPolicyService(XunchaDbContext db)
{
    public async Task<SecurityPolicy> GetAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageSecurityPolicy);
        return await db.SecurityPolicies.AsNoTracking().SingleAsync(ct);
    }

    public async Task<SecurityPolicy> UpdateAsync(SecurityPolicyInput input, uint version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageSecurityPolicy);
        var policy = await db.SecurityPolicies.SingleAsync(ct);
        if (policy.Version != version) throw new ConcurrencyException();
        db.Entry(policy).Property(p => p.Version).OriginalValue = version;
        policy.Update(input.PasswordMinLength, input.PasswordCharClasses, input.MaxFailedAttempts, input.LockoutMinutes);
        await db.SaveChangesAsync(ct);
        return policy;
    }
}
