using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xuncha.Data;

namespace Xuncha.Accounts;

/// <summary>Identity's user manager, with the lockout threshold and duration taken from the live security policy.</summary>
public sealed class XunchaUserManager(
    IUserStore<User> store, IOptions<IdentityOptions> options, IPasswordHasher<User> hasher,
    IEnumerable<IUserValidator<User>> userValidators, IEnumerable<IPasswordValidator<User>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services,
    ILogger<UserManager<User>> logger, XunchaDbContext db)
    : UserManager<User>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(User user)
    {
        var policy = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync() ?? SecurityPolicy.Baseline();
        // a copy: the options object is shared by every request
        Options = new IdentityOptions
        {
            ClaimsIdentity = Options.ClaimsIdentity,
            User = Options.User,
            Password = Options.Password,
            SignIn = Options.SignIn,
            Tokens = Options.Tokens,
            Stores = Options.Stores,
            Lockout = new LockoutOptions
            {
                AllowedForNewUsers = true,
                MaxFailedAccessAttempts = policy.MaxFailedAttempts,
                DefaultLockoutTimeSpan = policy.LockoutDuration,
            },
        };
        return await base.AccessFailedAsync(user);
    }
}
