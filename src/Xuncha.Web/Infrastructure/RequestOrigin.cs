using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Where a request may come from. The client's address is taken from X-Forwarded-For only when the direct peer
/// is a trusted proxy (XUNCHA_TRUSTED_PROXIES, addresses or CIDR ranges; none by default), and a request whose
/// Host is not allowed (XUNCHA_ALLOWED_HOSTS; by default the host of XUNCHA_PUBLIC_URL and the loopback names)
/// is refused, so that no header a client invents reaches a rate limit, the audit trail or a link.
/// </summary>
public static class RequestOrigin
{
    /// <summary>Null when no proxy is trusted: with empty lists the framework would trust every peer.</summary>
    public static ForwardedHeadersOptions? ForwardedHeaders(IConfiguration config)
    {
        var o = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
        // the framework trusts loopback by default: a header forged on the same machine would pass
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the loopback default and is still consulted
        o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (var entry in Split(config["XUNCHA_TRUSTED_PROXIES"]))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) o.KnownProxies.Add(address);
            else throw new InvalidOperationException($"XUNCHA_TRUSTED_PROXIES 中的“{entry}”不是 IP 地址或网段（如 10.0.0.5 或 10.0.0.0/24）。");
        }
        return o.KnownProxies.Count + o.KnownIPNetworks.Count > 0 ? o : null;
    }

    /// <summary>The Host names requests may carry ("*" allows any).</summary>
    public static IReadOnlySet<string> AllowedHosts(IConfiguration config, XunchaSettings settings)
    {
        var configured = Split(config["XUNCHA_ALLOWED_HOSTS"]).ToList();
        var hosts = configured.Count > 0 ? configured : [new Uri(settings.PublicUrl).Host, "localhost", "127.0.0.1", "[::1]"];
        return hosts.Select(h => h.ToLowerInvariant()).ToHashSet();
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Refuses a request whose Host header is not one of the allowed hosts (400), before anything else reads it.</summary>
public sealed class HostGuard(RequestDelegate next, IReadOnlySet<string> allowed, ILogger<HostGuard> log)
{
    public Task InvokeAsync(HttpContext ctx)
    {
        if (allowed.Contains("*") || allowed.Contains(ctx.Request.Host.Host.ToLowerInvariant())) return next(ctx);
        log.LogWarning("Refused a request for host {Host}: not in XUNCHA_ALLOWED_HOSTS", ctx.Request.Host.Value);
        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync(Messages.Problem_HostNotAllowed);
    }
}
