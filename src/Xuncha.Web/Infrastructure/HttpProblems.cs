using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Xuncha.Accounts;
using Xuncha.Common;

namespace Xuncha.Web.Infrastructure;

/// <summary>How errors become RFC 7807 problems (API) or error pages (web), with Chinese messages.</summary>
public static class HttpProblems
{
    public static string Type(string slug) => "/problems/" + slug;

    public static (int Status, string Slug, string Title) Classify(Exception e) => e switch
    {
        ValidationException => (400, "validation", Messages.Error_Validation),
        ControlCharacterException => (400, "control-characters", e.Message),
        BadHttpRequestException { InnerException: JsonException j } when IsControlCharacters(j) => (400, "control-characters", Messages.Error_ControlCharacters),
        NotFoundException => (404, "not-found", e.Message),
        ForbiddenException => (403, "forbidden", e.Message),
        ConcurrencyException => (409, "stale", e.Message),
        LockedOutException => (423, "locked-out", e.Message),
        Confidential.Crypto.TamperedException => (500, "tampered", e.Message),
        Confidential.ThrottledException => (429, "throttled", e.Message),
        Pool.Formation.FormationImpossibleException => (422, "formation-impossible", Messages.Formation_Impossible.TrimEnd('：')),
        DomainException => (409, "rule", e.Message),
        BadHttpRequestException { StatusCode: 413 } => (413, "too-large", Messages.Problem_TooLarge),
        BadHttpRequestException b => (b.StatusCode, "bad-request", Messages.Problem_BadRequest),
        _ when IsDatabaseDown(e) => (503, "database-unavailable", Messages.Problem_DatabaseDown),
        OperationCanceledException => (499, "cancelled", Messages.Problem_Internal),
        _ => (500, "internal", Messages.Problem_Internal),
    };

    public static ProblemDetails For(Exception e, HttpContext ctx)
    {
        var (status, slug, title) = Classify(e);
        ProblemDetails problem = e switch
        {
            ValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary(kv => kv.Key, kv => kv.Value)),
            ControlCharacterException c => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [c.Field ?? "$"] = [Messages.Error_ControlCharacters] }),
            BadHttpRequestException { InnerException: JsonException j } => new ValidationProblemDetails(
                new Dictionary<string, string[]> { [string.IsNullOrEmpty(j.Path) ? "$" : j.Path] = [IsControlCharacters(j) ? Messages.Error_ControlCharacters : Messages.Problem_BadJsonField] }),
            _ => new ProblemDetails(),
        };
        problem.Status = status;
        problem.Type = Type(slug);
        problem.Title = title;
        problem.Detail = e is ValidationException or DomainException ? e.Message : title;
        if (e is LockedOutException locked) problem.Extensions["lockedUntil"] = locked.Until;
        if (e is Pool.Formation.FormationImpossibleException impossible)
        {
            problem.Extensions["reasons"] = impossible.Reasons;
            problem.Extensions["details"] = impossible.Details;
        }
        problem.Extensions["traceId"] = ctx.TraceIdentifier;
        return problem;
    }

    public static Task Write(HttpContext ctx, int status, string title, string? slug = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = title, Type = Type(slug ?? Slug(status)) };
        problem.Extensions["traceId"] = ctx.TraceIdentifier;
        if (extensions is not null) foreach (var (k, v) in extensions) problem.Extensions[k] = v;
        return WriteAsync(ctx, problem);
    }

    public static async Task WriteAsync(HttpContext ctx, ProblemDetails problem)
    {
        ctx.Response.StatusCode = problem.Status ?? 500;
        ctx.Response.ContentType = "application/problem+json; charset=utf-8";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, problem, problem.GetType(), JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string StatusTitle(int status) => status switch
    {
        401 => Messages.Problem_Unauthorized,
        403 => Messages.Error_Forbidden,
        404 => Messages.Error_NotFound,
        405 => Messages.Problem_MethodNotAllowed,
        413 => Messages.Problem_TooLarge,
        415 => Messages.Problem_UnsupportedMedia,
        429 => Messages.Problem_TooManyRequests,
        503 => Messages.Problem_DatabaseDown,
        >= 500 => Messages.Problem_Internal,
        _ => Messages.Problem_BadRequest,
    };

    private static string Slug(int status) => status switch
    {
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        415 => "unsupported-media-type",
        429 => "too-many-requests",
        503 => "database-unavailable",
        _ => "error",
    };

    private static bool IsControlCharacters(JsonException j) => j.Message.StartsWith(Messages.Error_ControlCharacters, StringComparison.Ordinal);

    /// <summary>The database could not be reached (as opposed to a query it refused).</summary>
    public static bool IsDatabaseDown(Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState is "53300" or "3D000" or "55000";
                case NpgsqlException:
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
