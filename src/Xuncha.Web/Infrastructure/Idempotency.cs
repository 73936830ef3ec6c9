using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// A request that comes twice gets the first one's answer instead of doing the work again: a page form posted
/// twice (every rendered form carries its own <c>__submission</c> id, see <see cref="SubmissionTagHelper"/>), or an
/// API POST retried with the same <c>Idempotency-Key</c>. Repeats wait for the first to finish (an advisory lock on
/// the user and key), then replay its status, location and body for a day. An API key reused for a different
/// request is a 422. Only signed-in users: the public report page keeps nothing that could date a letter.
/// </summary>
public sealed class Idempotency(RequestDelegate next, NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string FormField = "__submission";

    /// <summary>Set by a page whose handler refused its input (<see cref="ReplayGuardFilter"/>): a refusal is not kept.</summary>
    public const string NoReplay = "xuncha:no-replay";

    private const int MaxBody = 1024 * 1024;
    private readonly IDataProtector _protector = protection.CreateProtector("Xuncha.Idempotency.Body");

    public async Task InvokeAsync(HttpContext ctx, CurrentActor actor)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method) || actor.Value.UserId is not { } user)
        {
            await next(ctx);
            return;
        }
        var api = ctx.Request.IsApi();
        string? key = api ? ctx.Request.Headers[HeaderName].ToString()
            : ctx.Request.HasFormContentType ? (await ctx.Request.ReadFormAsync(ctx.RequestAborted))[FormField].ToString() : null;
        if (string.IsNullOrEmpty(key))
        {
            await next(ctx);
            return;
        }
        if (api && (key.Length > 200 || key.Any(c => c is < '!' or > '~')))
        {
            await HttpProblems.Write(ctx, 400, Messages.Problem_IdempotencyKeyInvalid, "idempotency-key");
            return;
        }
        // a page's form may post to several handlers (a live check, the save): each is its own request
        var scope = api ? key : $"{key}|{ctx.Request.Path}{ctx.Request.QueryString}";
        if (scope.Length > Common.IdempotencyRecord.KeyMax) scope = scope[..Common.IdempotencyRecord.KeyMax];
        var hash = await RequestHashAsync(ctx.Request, api);

        await using var conn = await dataSource.OpenConnectionAsync(ctx.RequestAborted);
        await using var tx = await conn.BeginTransactionAsync(ctx.RequestAborted);
        await ExecAsync(conn, tx, "SELECT pg_advisory_xact_lock(hashtextextended(@u::text || '|' || @k, 0))", user, scope);
        var saved = await SavedAsync(conn, tx, user, scope, ctx.RequestAborted);
        if (saved is not null)
        {
            if (saved.Hash == hash) await ReplayAsync(ctx, saved);
            else if (api) await HttpProblems.Write(ctx, 422, Messages.Problem_IdempotencyKeyReused, "idempotency-key-reused");
            else await next(ctx); // the same rendered form, changed and sent again: an ordinary request
            await tx.CommitAsync(ctx.RequestAborted);
            return;
        }

        var original = ctx.Response.Body;
        await using var copy = new TeeStream(original, MaxBody);
        ctx.Response.Body = copy;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }
        var status = ctx.Response.StatusCode;
        var keep = status is >= 200 and < 400 && (!api || status < 300) && !ctx.Items.ContainsKey(NoReplay) && !copy.Overflowed;
        if (keep)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO idempotency_records (user_id, key, request_hash, status, content_type, location, body, created_at)
                VALUES (@u, @k, @h, @s, @t, @l, @b, @c)
                """, conn, tx);
            cmd.Parameters.AddWithValue("u", user);
            cmd.Parameters.AddWithValue("k", scope);
            cmd.Parameters.AddWithValue("h", hash);
            cmd.Parameters.AddWithValue("s", status);
            cmd.Parameters.AddWithValue("t", (object?)ctx.Response.ContentType ?? DBNull.Value);
            var location = ctx.Response.Headers.Location.ToString();
            cmd.Parameters.AddWithValue("l", location.Length > 0 ? location : DBNull.Value);
            cmd.Parameters.AddWithValue("b", _protector.Protect(copy.Captured));
            cmd.Parameters.AddWithValue("c", clock.GetUtcNow());
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        await tx.CommitAsync(CancellationToken.None);
    }

    private sealed record Saved(string Hash, int Status, string? ContentType, string? Location, byte[]? Body);

    private static async Task<Saved?> SavedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid user, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT request_hash, status, content_type, location, body FROM idempotency_records WHERE user_id = @u AND key = @k", conn, tx);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("k", key);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new Saved(r.GetString(0).Trim(), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : r.GetFieldValue<byte[]>(4));
    }

    private async Task ReplayAsync(HttpContext ctx, Saved saved)
    {
        ctx.Response.StatusCode = saved.Status;
        if (saved.ContentType is not null) ctx.Response.ContentType = saved.ContentType;
        if (saved.Location is not null) ctx.Response.Headers.Location = saved.Location;
        ctx.Response.Headers["Idempotent-Replay"] = "true";
        if (saved.Body is { Length: > 0 } body) await ctx.Response.Body.WriteAsync(_protector.Unprotect(body), ctx.RequestAborted);
    }

    /// <summary>What makes two requests the same: method, path and query, and the body (a page's fields, but the per-render tokens).</summary>
    private static async Task<string> RequestHashAsync(HttpRequest request, bool api)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (api)
        {
            request.EnableBuffering();
            var buffer = new byte[81920];
            int n;
            while ((n = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, n);
            request.Body.Position = 0;
        }
        else
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (k, v) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
                if (k is not "__RequestVerificationToken" and not FormField)
                    sha.AppendData(Encoding.UTF8.GetBytes($"{k}={v}\n"));
            foreach (var f in form.Files) sha.AppendData(Encoding.UTF8.GetBytes($"{f.Name}:{f.FileName}:{f.Length}\n"));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, Guid user, string key)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("k", key);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Writes through to the response and keeps a copy of what was written, up to a limit.</summary>
    private sealed class TeeStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();

        public bool Overflowed { get; private set; }
        public byte[] Captured => _copy.ToArray();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed) return;
            if (_copy.Length + bytes.Length > limit)
            {
                Overflowed = true;
                _copy.SetLength(0);
                return;
            }
            _copy.Write(bytes);
        }
    }
}
