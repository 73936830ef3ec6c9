namespace Xuncha.Audit;

/// <summary>One row of the append-only audit trail, chained to the row before it by an HMAC-SHA-256.</summary>
public sealed class AuditEvent
{
    public const int UserNameMax = 100, ActionMax = 50, ObjectTypeMax = 50, ObjectIdMax = 100, OutcomeMax = 20, AddressMax = 64;

    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string ObjectType { get; set; } = "";
    public string? ObjectId { get; set; }
    public string Outcome { get; set; } = AuditOutcome.Success;
    public string? ClientAddress { get; set; }
    public string? Detail { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

/// <summary>The actions the trail knows besides create/update/delete of records.</summary>
public static class AuditAction
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string Lockout = "lockout";
    public const string SignOut = "sign-out";
    public const string SessionEnd = "session-end";
    public const string PasswordChange = "password-change";
    public const string PasswordReset = "password-reset";
    public const string Unlock = "unlock";
    public const string Export = "export";
    public const string Import = "import";
    public const string ReadConfidential = "read-confidential";
    public const string Shred = "shred";
    public const string Backup = "backup";
    public const string Verify = "verify";
    public const string Checkpoint = "checkpoint";
    public const string OnBehalf = "on-behalf";
}
