namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Everything anyone may reach without signing in, in one place. Every other page and endpoint needs a signed-in
/// user (the fallback policy) and usually a permission; a test walks them all and fails on any anonymous one that
/// is not listed here.
/// </summary>
public static class AnonymousAccess
{
    /// <summary>Razor pages (by page name): sign-in and its forced password change, errors, and the public report pages.</summary>
    public static readonly IReadOnlyList<string> Pages =
    [
        "/Account/Login", "/Account/ChangePassword", "/Account/Logout", "/Account/Denied", "/Error", "/Report/Index", "/Report/Status",
    ];

    /// <summary>Endpoints (by route pattern) that call <c>AllowAnonymous()</c>.</summary>
    public static readonly IReadOnlyList<string> Endpoints =
    [
        "/health", "/openapi/{documentName}.json",
        "/api/v1/auth/login", "/api/v1/auth/change-password", "/api/v1/auth/refresh",
        "/api/v1/public/report/{token}", "/api/v1/public/receipt", "/api/v1/public/receipt/answer",
    ];
}
