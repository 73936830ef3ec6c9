using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Xuncha.Common;

namespace Xuncha.Web.Infrastructure;

public static class WebServices
{
    public const string SmartScheme = "smart";
    public const string LoginRateLimit = "login";

    /// <summary>The public report page: 20 posts per client per 10 minutes, 600 from everyone (counted in memory only).</summary>
    public const string PublicRateLimit = "public";

    /// <summary>A request with evidence files: up to five files of 50 MB.</summary>
    public const long UploadLimit = 5 * Files.FileStore.MaxBytes + 1024 * 1024;

    public static IServiceCollection AddXunchaWeb(this IServiceCollection services, XunchaSettings settings, IConfiguration config)
    {
        var zh = new CultureInfo("zh-CN");
        CultureInfo.DefaultThreadCurrentCulture = zh;
        CultureInfo.DefaultThreadCurrentUICulture = zh;
        services.AddLocalization();
        // emit Chinese as characters, not &#x…; entities
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(zh);
            o.SupportedCultures = [zh];
            o.SupportedUICultures = [zh];
        });

        services.AddDataProtection()
            .SetApplicationName("Xuncha")
            // cookie and token keys, on disk in a directory only the service account can read (not in the
            // database, where whoever holds a copy could mint sessions)
            .PersistKeysToFileSystem(new DirectoryInfo(XunchaSettings.PrivateDirectory(Path.Combine(
                XunchaSettings.PrivateDirectory(settings.KeysDirectory), "dataprotection"))));

        services.AddSingleton<SessionTicketStore>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // pages sign in with a cookie, the API only with a bearer token: a browser's cookie never authorises an
            // /api request, so a cross-site form post cannot act through it
            // the error page reads no session: it may be shown because the database is down
            .AddPolicyScheme(SmartScheme, null, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/error") ? NoSessionHandler.Name
                : UsesBearer(ctx.Request) ? BearerTokenDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, NoSessionHandler>(NoSessionHandler.Name, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                // under https the cookie is bound to this origin (__Host-: Secure, Path=/, no Domain)
                o.Cookie.Name = settings.IsHttps ? "__Host-xuncha" : "xuncha";
                o.Cookie.SecurePolicy = settings.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = Accounts.SecurityPolicy.IdleTimeout;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o =>
            {
                o.BearerTokenExpiration = Accounts.SecurityPolicy.IdleTimeout;
                o.RefreshTokenExpiration = Accounts.Session.AbsoluteLifetime;
            });
        // the cookie holds only the session's id; the ticket stays in PostgreSQL (see SessionTicketStore)
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionTicketStore>((o, store) => o.SessionStore = store);

        services.AddAuthorization(o =>
        {
            foreach (var p in Permissions.All)
                o.AddPolicy(p.ToString(), b => b.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(p)));
            // whatever forgets its policy still needs a signed-in user; the anonymous exceptions are in AnonymousAccess
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddSingleton<SchemaGate>();
        services.AddSingleton<ImportStaging>();
        services.AddHostedService<SchemaStartup>();
        services.AddHostedService<ReminderJob>();

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                foreach (var page in AnonymousAccess.Pages) o.Conventions.AllowAnonymousToPage(page);
                o.Conventions.ConfigureFilter(new ReplayGuardFilter());
            })
            .AddViewLocalization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = settings.IsHttps ? "__Host-xuncha-af" : "xuncha-af";
            o.Cookie.SecurePolicy = settings.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddRouting(o => o.LowercaseUrls = true);

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new GuardedStringConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer<OpenApiInfoTransformer>();
            o.AddSchemaTransformer<GuardedStringSchemaTransformer>();
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = LoginRate(config), Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(PublicRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = PublicRate(config), Window = TimeSpan.FromMinutes(10) }));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                ctx.Request.Path.StartsWithSegments("/report") || ctx.Request.Path.StartsWithSegments("/api/v1/public")
                    ? RateLimitPartition.GetFixedWindowLimiter("public-all", _ => new FixedWindowRateLimiterOptions { PermitLimit = 600, Window = TimeSpan.FromMinutes(10) })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
        services.AddHttpContextAccessor();
        // small bodies by default; endpoints and pages that take files raise their own limit
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = UploadLimit);
        return services;
    }

    /// <summary>Sign-in attempts per client address per minute (XUNCHA_LOGIN_RATE, default 30); lockout guards each account.</summary>
    private static int LoginRate(IConfiguration config) => int.TryParse(config["XUNCHA_LOGIN_RATE"], out var n) && n > 0 ? n : 30;

    /// <summary>Posts to the public report page per client per 10 minutes (XUNCHA_PUBLIC_RATE, default 20).</summary>
    private static int PublicRate(IConfiguration config) => int.TryParse(config["XUNCHA_PUBLIC_RATE"], out var n) && n > 0 ? n : 20;

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The API and anything sent with a bearer token authenticate with the token, never with the cookie.</summary>
    public static bool UsesBearer(HttpRequest request) =>
        request.IsApi() || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task ApiAware(HttpContext ctx, string redirect, int status)
    {
        if (ctx.Request.IsApi())
        {
            ctx.Response.StatusCode = status;
            return HttpProblems.Write(ctx, status, status == 401 ? Messages.Problem_Unauthorized : Messages.Error_Forbidden);
        }
        if (ctx.Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx follows redirects inside the fragment; ask it to load the whole page instead
            ctx.Response.Headers["HX-Redirect"] = redirect;
            ctx.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(redirect);
        return Task.CompletedTask;
    }
}
