using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Xuncha.Web.Api;

namespace Xuncha.Web.Infrastructure;

public static class Pipeline
{
    public static WebApplication UseXunchaPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseWhen(ctx => !ctx.Request.IsApi(), b => b.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=86400",
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<SchemaGateMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapXunchaEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteAsync }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapOrganizationsApi();
        api.MapTermsApi();
        api.MapAccountsApi();
        api.MapSecurityPolicyApi();
        api.MapAuditApi();
        api.MapBackupsApi();
        api.MapNotificationsApi();
        return app;
    }
}
