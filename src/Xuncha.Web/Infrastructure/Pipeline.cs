using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Xuncha.Web.Api;

namespace Xuncha.Web.Infrastructure;

public static class Pipeline
{
    public static WebApplication UseXunchaPipeline(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<XunchaSettings>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            settings.ListeningAt(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault());
            if (!settings.PublicUrlConfigured)
                app.Logger.LogWarning("XUNCHA_PUBLIC_URL is not set: links and QR codes printed in documents point to {Url}", settings.PublicUrl);
        });
        app.UseMiddleware<HostGuard>(RequestOrigin.AllowedHosts(app.Configuration, settings));
        // the client's address from X-Forwarded-For, only when the peer is a trusted proxy
        if (RequestOrigin.ForwardedHeaders(app.Configuration) is { } proxies) app.UseForwardedHeaders(proxies);
        app.UseExceptionHandler("/error");
        app.UseWhen(ctx => !ctx.Request.IsApi(), b => b.UseStatusCodePagesWithReExecute("/error/{0}"));
        // bare API status codes (no route, wrong method, wrong media type) still answer problem+json
        app.UseWhen(ctx => ctx.Request.IsApi(), b => b.UseStatusCodePages(ctx =>
            HttpProblems.Write(ctx.HttpContext, ctx.HttpContext.Response.StatusCode, HttpProblems.StatusTitle(ctx.HttpContext.Response.StatusCode))));
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=86400",
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<SchemaGateMiddleware>();
        app.UseMiddleware<InputGuard>();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<Idempotency>();
        return app;
    }

    public static WebApplication MapXunchaEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteAsync }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        // downloads for signed-in pages (cookie); the same check as /api/v1/files/{id}
        app.MapGet("/files/{id:guid}", FilesApi.DownloadAsync).RequireAuthorization(nameof(Permission.ViewRounds)).ExcludeFromDescription();
        app.MapGet("/documents/{kind}/{id:guid}", DocumentsApi.DownloadAsync).RequireAuthorization(nameof(Permission.ViewRounds)).ExcludeFromDescription();
        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapOrganizationsApi();
        api.MapTermsApi();
        api.MapAccountsApi();
        api.MapSecurityPolicyApi();
        api.MapAuditApi();
        api.MapStatusApi();
        api.MapBackupsApi();
        api.MapNotificationsApi();
        api.MapRoundsApi();
        api.MapProblemsApi();
        api.MapRectificationApi();
        api.MapLedgerApi();
        api.MapFilesApi();
        api.MapPoolApi();
        api.MapDocumentsApi();
        api.MapConfidentialApi();
        return app;
    }
}
