using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Xuncha.Accounts;
using Xuncha.Audit;
using Xuncha.Backups;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Demo;
using Xuncha.Notifications;
using Xuncha.Organizations;

namespace Xuncha;

public static class CoreServices
{
    /// <summary>Everything the web host and the CLI share: the database, Identity's user store, the feature services.</summary>
    public static IdentityBuilder AddXunchaCore(this IServiceCollection services, XunchaSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<TimeProvider>(new OfficeClock(TimeProvider.System, settings.TimeZone));
        services.AddSingleton(_ => AuditKey.LoadOrCreate(settings.AuditKeyFile));
        services.AddSingleton<AuditChain>();
        services.AddSingleton(_ => Confidential.Crypto.MasterKey.LoadOrCreate(settings.MasterKeyFile, settings.Cipher));
        services.AddSingleton<Confidential.ReceiptThrottle>();
        services.AddSingleton<Migrator>();
        services.AddScoped<CurrentActor>();

        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString) { Name = "xuncha" }.Build();
        services.AddSingleton(dataSource);
        services.AddDbContext<XunchaDbContext>(o => o.UseNpgsql(dataSource));

        services.AddScoped<OrganizationService>();
        services.AddScoped<OrganizationImport>();
        services.AddScoped<OrganizationExport>();
        services.AddScoped<TermService>();
        services.AddScoped<AccountService>();
        services.AddScoped<SignInService>();
        services.AddScoped<SessionService>();
        services.AddScoped<SecurityPolicyService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<SystemStatus>();
        services.AddScoped<Housekeeping>();
        services.AddScoped<BackupService>();
        services.AddScoped<DemoData>();
        services.AddScoped<Home.Dashboard>();
        services.AddScoped<Home.WorkQueues>();
        services.AddScoped<Deadlines.DeadlineService>();
        services.AddScoped<Deadlines.CalendarImport>();
        services.AddScoped<Rounds.RoundService>();
        services.AddScoped<Rounds.RoundQueries>();
        services.AddScoped<Rounds.GroupService>();
        services.AddScoped<Problems.ProblemService>();
        services.AddScoped<Problems.ProblemQueries>();
        services.AddScoped<Files.FileStore>();
        services.AddScoped<Rectification.GroupReportService>();
        services.AddScoped<Rectification.FeedbackService>();
        services.AddScoped<Rectification.TaskRules>();
        services.AddScoped<Rectification.PlanQueries>();
        services.AddScoped<Rectification.PlanService>();
        services.AddScoped<Rectification.TaskService>();
        services.AddScoped<Rectification.RectificationReportService>();
        services.AddScoped<Ledger.LedgerService>();
        services.AddScoped<DeadlineReminders>();
        services.AddScoped<Pool.FormationData>();
        services.AddScoped<Pool.PoolService>();
        services.AddScoped<Pool.PoolQueries>();
        services.AddScoped<Pool.FormationService>();
        services.AddScoped<Pool.AppraisalService>();
        services.AddScoped<Pool.PoolImport>();
        services.AddScoped<Rectification.PlanImport>();
        services.AddScoped<Problems.ProblemExport>();
        services.AddScoped<Documents.TemplateService>();
        services.AddScoped<Documents.DocumentService>();
        services.AddScoped<Confidential.Crypto.Vault>();
        services.AddScoped<Confidential.Crypto.SealedFiles>();
        services.AddScoped<Confidential.Crypto.KeyMaintenance>();
        services.AddScoped<Confidential.LetterIntake>();
        services.AddScoped<Confidential.LetterService>();
        services.AddScoped<Confidential.PublicReportService>();
        services.AddScoped<Confidential.ClueService>();
        services.AddScoped<Confidential.ClueTransferService>();
        services.AddScoped<Confidential.TalkService>();

        return services
            .AddIdentityCore<User>(o =>
            {
                // the policy validator checks length and classes against the live security policy
                o.Password.RequiredLength = SecurityPolicy.BaselineMinLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = SecurityPolicy.BaselineMaxFailures;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(SecurityPolicy.BaselineLockoutMinutes);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<XunchaDbContext>()
            .AddUserManager<XunchaUserManager>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordPolicyValidator>();
    }
}
