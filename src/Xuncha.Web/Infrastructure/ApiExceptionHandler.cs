using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Xuncha.Web.Infrastructure;

/// <summary>API errors as problem+json; page errors fall through to the /error page.</summary>
public sealed class ApiExceptionHandler(NpgsqlDataSource dataSource, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception e, CancellationToken ct)
    {
        var (status, _, _) = HttpProblems.Classify(e);
        if (status >= 500) log.LogError(e, "Request {Path} failed", ctx.Request.Path);
        if (status == 503) dataSource.Clear(); // drop pooled connections to a server that went away
        // the middleware has already pointed Request.Path at /error; the feature keeps the original
        var path = ctx.Features.Get<IExceptionHandlerFeature>()?.Path ?? ctx.Request.Path;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase)) return false;
        await HttpProblems.WriteAsync(ctx, HttpProblems.For(e, ctx));
        return true;
    }
}
