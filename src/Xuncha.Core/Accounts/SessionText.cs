namespace Xuncha.Accounts;

/// <summary>How a session reads in Chinese, for the page and the console alike.</summary>
public static class SessionText
{
    public static string Kind(SessionKind kind) => kind switch
    {
        SessionKind.Cookie => Messages.Session_Web,
        SessionKind.Api => Messages.Session_Api,
    };

    public static string State(SessionView s) => s.IsLive ? Messages.Session_Live : s.EndReason switch
    {
        SessionEnd.SignedOut => Messages.SessionEnd_SignedOut,
        SessionEnd.PasswordChanged => Messages.SessionEnd_PasswordChanged,
        SessionEnd.PasswordReset => Messages.SessionEnd_PasswordReset,
        SessionEnd.Deactivated => Messages.SessionEnd_Deactivated,
        SessionEnd.EndedByAdministrator => Messages.SessionEnd_EndedByAdministrator,
        SessionEnd.RefreshReused => Messages.SessionEnd_RefreshReused,
        null => Messages.Session_Expired,
    };
}
