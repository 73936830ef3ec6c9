using Xuncha.Data;

namespace Xuncha.Web.Infrastructure;

/// <summary>Open once the schema is migrated; until then requests get a "starting" answer instead of failing.</summary>
public sealed class SchemaGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _ready.Task.IsCompleted;
    public string? LastError { get; private set; }
    public Task Ready => _ready.Task;

    public void Open() => _ready.TrySetResult();

    public void Fail(string error) => LastError = error;
}

/// <summary>Migrates at start-up, retrying while the database is unreachable (XUNCHA_MIGRATE=false skips this).</summary>
public sealed class SchemaStartup(Migrator migrator, XunchaSettings settings, SchemaGate gate, IConfiguration config, Npgsql.NpgsqlDataSource dataSource,
    ILogger<SchemaStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.Equals(config["XUNCHA_MIGRATE"], "false", StringComparison.OrdinalIgnoreCase))
        {
            gate.Open();
            await WarnAboutLoginAsync(stoppingToken);
            return;
        }
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await migrator.MigrateAsync(settings.MigrationConnectionString, settings.AppRoleToGrant, stoppingToken);
                if (applied.Count > 0) log.LogInformation("Applied migrations {Versions}", string.Join(", ", applied));
                gate.Open();
                await WarnAboutLoginAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (HttpProblems.IsDatabaseDown(e))
            {
                gate.Fail(e.Message);
                log.LogWarning("Database not reachable yet ({Message}); retrying in {Delay}s", e.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                gate.Fail(e.Message);
                log.LogCritical(e, "Migrations failed; the application stays unavailable until this is fixed");
                return;
            }
        }
    }

    /// <summary>Says loudly when the application's login could rewrite the audit trail (a superuser, or its owner).</summary>
    private async Task WarnAboutLoginAsync(CancellationToken ct)
    {
        try
        {
            var login = await DatabaseLogin.CheckAsync(dataSource, ct);
            if (login.Warning is { } warning) log.LogCritical("{Warning}", warning);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Could not check the database login's privileges: {Message}", e.Message);
        }
    }
}

public sealed class SchemaGateMiddleware(RequestDelegate next, SchemaGate gate)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (gate.IsOpen || ctx.Request.Path.StartsWithSegments("/health") || ctx.Request.Path.StartsWithSegments("/error"))
        {
            await next(ctx);
            return;
        }
        ctx.Response.Headers.RetryAfter = "5";
        if (ctx.Request.IsApi()) await HttpProblems.Write(ctx, 503, Messages.Problem_Starting, "starting");
        else
        {
            ctx.Response.StatusCode = 503;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync($"""
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>{Messages.Problem_Starting}</title></head>
                <body style="font-family:sans-serif;padding:3rem"><h1>{Messages.Problem_Starting}</h1></body></html>
                """);
        }
    }
}
