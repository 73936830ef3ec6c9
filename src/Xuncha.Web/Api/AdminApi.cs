using Microsoft.AspNetCore.Http.HttpResults;
using Xuncha.Accounts;
using Xuncha.Audit;
using Xuncha.Backups;
using Xuncha.Common;
using Xuncha.Notifications;

namespace Xuncha.Web.Api;

/// <summary>The security policy, the audit trail, backups and notifications.</summary>
public static class AdminApi
{
    public sealed record SecurityPolicyBody(int PasswordMinLength, int PasswordCharClasses, int MaxFailedAttempts, int LockoutMinutes, uint? Version);

    public sealed record PolicyDto(int PasswordMinLength, int PasswordCharClasses, int MaxFailedAttempts, int LockoutMinutes, int IdleTimeoutMinutes, uint Version);

    public sealed record AuditPageDto(IReadOnlyList<AuditEvent> Items, long? NextBefore);

    public static RouteGroupBuilder MapSecurityPolicyApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/security-policy").WithTags("安全策略").RequireAuthorization(nameof(Permission.ManageSecurityPolicy));
        g.MapGet("", async (SecurityPolicyService s, CancellationToken ct) => TypedResults.Ok(Dto(await s.GetAsync(ct)))).WithSummary("密码与锁定策略");
        g.MapPut("", async (SecurityPolicyBody b, SecurityPolicyService s, CancellationToken ct) => TypedResults.Ok(Dto(await s.UpdateAsync(
                new SecurityPolicyInput(b.PasswordMinLength, b.PasswordCharClasses, b.MaxFailedAttempts, b.LockoutMinutes),
                Versions.Required(b.Version), ct))))
            .WithSummary("收紧策略（不能低于基线：10 位、3 类字符、5 次、15 分钟）").ProducesValidationProblem().ProducesProblem(409);
        return api;
    }

    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/status", async (Data.SystemStatus s, CancellationToken ct) =>
            {
                var state = await s.ReadAsync(ct);
                return TypedResults.Ok(new
                {
                    database = new { state.Login.Name, state.Login.ServerVersion, state.Login.Superuser, state.Login.OwnsAuditTrail, state.Login.ProtectsAuditTrail, state.Login.Warning },
                    migrations = new { applied = state.MigrationsApplied, known = state.MigrationsKnown },
                    audit = new { rows = state.AuditRows, lastWrite = state.AuditUpdatedAt },
                    liveSessions = state.LiveSessions, publicUrl = state.PublicUrl,
                });
            })
            .RequireAuthorization(nameof(Permission.ViewSystemStatus)).WithTags("系统").WithSummary("系统状态（三员可看）：数据库账号是否使审计日志保护失效、迁移、在线会话");
        return api;
    }

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/audit").WithTags("审计日志").RequireAuthorization(nameof(Permission.ReadAudit));
        g.MapGet("", async ([AsParameters] AuditQuery q, long? before, int? pageSize, AuditLog log, CancellationToken ct) =>
        {
            var page = await log.SearchAsync(q.Filter, before, pageSize ?? 50, ct);
            return TypedResults.Ok(new AuditPageDto(page.Rows, page.NextBefore));
        }).WithSummary("检索审计日志（按序号倒序，before 翻页）");
        g.MapGet("/{seq:long}", async (long seq, AuditLog log, CancellationToken ct) => TypedResults.Ok(await log.GetAsync(seq, ct))).WithSummary("一条审计记录");
        g.MapGet("/export", ([AsParameters] AuditQuery q, AuditLog log, TimeProvider clock, CancellationToken ct) =>
            Downloads.XlsxAsync(s => log.ExportAsync(q.Filter, s, ct), $"审计日志-{Downloads.Stamp(clock)}.xlsx")).WithSummary("导出为 .xlsx");
        g.MapPost("/verify", async (AuditCheckpoint? checkpoint, AuditVerifier v, AuditChain chain, CancellationToken ct) =>
                TypedResults.Ok(await v.VerifyAsync(checkpoint?.Checked(chain), ct)))
            .WithSummary("校验哈希链和链头；请求体可附此前下载的检查点，核对日志是否被截断或回退").ProducesValidationProblem();
        g.MapGet("/checkpoint", async (AuditCheckpoints c, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(System.Text.Encoding.UTF8.GetBytes((await c.CreateAsync(ct)).ToJson()), "application/json", $"审计检查点-{Downloads.Stamp(clock)}.json"))
            .WithSummary("签发审计检查点（日志此刻到第几条及其校验值，带签名），请离线保存");
        return api;
    }

    public static RouteGroupBuilder MapBackupsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/backups").WithTags("备份").RequireAuthorization(nameof(Permission.ManageBackups));
        g.MapGet("", (BackupService s) => TypedResults.Ok(s.List())).WithSummary("服务器上的备份文件");
        g.MapPost("", async (BackupService s, CancellationToken ct) => TypedResults.Ok(await s.CreateAsync(null, ct))).WithSummary("立即备份（pg_dump）");
        return api;
    }

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("通知").RequireAuthorization();
        g.MapGet("", async (NotificationService s, CancellationToken ct) =>
        {
            var (items, unread) = await s.MineAsync(50, ct);
            return TypedResults.Ok(new { unread, items });
        }).WithSummary("我的通知");
        g.MapPost("/{id:guid}/read", async (Guid id, NotificationService s, CancellationToken ct) =>
        {
            await s.MarkReadAsync(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("标为已读");
        g.MapPost("/read-all", async (NotificationService s, CancellationToken ct) =>
        {
            await s.MarkAllReadAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("全部标为已读");
        return api;
    }

    private static PolicyDto Dto(SecurityPolicy p) => new(p.PasswordMinLength, p.PasswordCharClasses, p.MaxFailedAttempts, p.LockoutMinutes,
        (int)SecurityPolicy.IdleTimeout.TotalMinutes, p.Version);
}

public sealed class AuditQuery
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? User { get; init; }
    public string? Action { get; init; }
    public string? ObjectType { get; init; }
    public string? ObjectId { get; init; }
    public string? Outcome { get; init; }

    public AuditFilter Filter => new(From, To, User, Action, ObjectType, ObjectId, Outcome);
}
