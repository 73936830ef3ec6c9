namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Headers every response carries: no sniffing, no framing, scripts only from this origin; HSTS over https; and
/// nothing cached — every answer but the static files (which set their own) is <c>no-store</c>, so a signed-in
/// page, an API answer or a download never stays in a shared or browser cache.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public Task InvokeAsync(HttpContext ctx)
    {
        var h = ctx.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        h.ContentSecurityPolicy = Csp;
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (ctx.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        ctx.Response.OnStarting(() =>
        {
            if (ctx.User.Identity?.IsAuthenticated == true || string.IsNullOrEmpty(h.CacheControl))
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(ctx);
    }
}
