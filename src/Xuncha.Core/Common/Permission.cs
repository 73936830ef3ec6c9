namespace Xuncha.Common;

/// <summary>What an actor may do. "May you?" is answered here; whether a state change is legal is the entity's business.</summary>
public enum Permission
{
    ViewOrganizations,
    PickOrganizations,
    ManageOrganizations,
    ManageTerms,
    ManageAccounts,
    ManageBackups,
    ManageRoles,
    ManageSecurityPolicy,
    ReadAudit,
    ViewRounds,
    ManageRounds,
    ApproveRounds,
    DraftProblems,
    ReviewProblems,
    WriteGroupReports,
    WritePlans,
    ReviewRectification,
    ViewLedger,
    ManageDeadlines,
    ViewPool,
    ManagePool,
    JoinPool,
    RecommendToPool,
    AppraiseMembers,
    ManageTemplates,
    ViewClues,

    /// <summary>Register, classify, answer and decide the letters of one's own group (the office: all).</summary>
    HandleLetters,
    RegisterClues,
    TransferClues,

    /// <summary>Sign for transferred clues and record their disposition (纪委; the office records it for 组织部).</summary>
    ReceiveClues,
    OpenSealedClues,

    /// <summary>Plan and record individual talks (个别谈话) of one's own group (the office: all).</summary>
    RecordTalks,

    /// <summary>The installation's state (database login, migrations, addresses): the three administrators, no business data.</summary>
    ViewSystemStatus,
}

public static class Permissions
{
    private static readonly Dictionary<Role, Permission[]> Granted = new()
    {
        [Role.Office] =
        [
            Permission.ViewOrganizations, Permission.PickOrganizations, Permission.ManageOrganizations, Permission.ManageTerms,
            Permission.ViewRounds, Permission.ManageRounds, Permission.ReviewRectification, Permission.ViewLedger, Permission.ManageDeadlines,
            Permission.ViewPool, Permission.ManagePool, Permission.AppraiseMembers, Permission.JoinPool, Permission.ManageTemplates, Permission.ViewClues,
            Permission.HandleLetters, Permission.RegisterClues, Permission.TransferClues, Permission.ReceiveClues, Permission.RecordTalks,
        ],
        [Role.LeadingGroup] =
        [
            Permission.ViewOrganizations, Permission.PickOrganizations, Permission.ViewRounds, Permission.ApproveRounds, Permission.ViewLedger,
            Permission.ViewPool, Permission.JoinPool,
        ],
        [Role.GroupLeader] =
        [
            Permission.ViewOrganizations, Permission.PickOrganizations, Permission.ViewRounds, Permission.DraftProblems,
            Permission.ReviewProblems, Permission.WriteGroupReports, Permission.ViewLedger, Permission.AppraiseMembers, Permission.JoinPool,
            Permission.HandleLetters, Permission.RegisterClues, Permission.RecordTalks,
        ],
        [Role.GroupMember] =
        [
            Permission.ViewOrganizations, Permission.PickOrganizations, Permission.ViewRounds, Permission.DraftProblems, Permission.ViewLedger,
            Permission.JoinPool, Permission.HandleLetters, Permission.RegisterClues, Permission.RecordTalks,
        ],
        [Role.Unit] = [Permission.PickOrganizations, Permission.ViewRounds, Permission.WritePlans, Permission.ViewLedger, Permission.JoinPool, Permission.RecommendToPool],
        [Role.Discipline] = [Permission.ViewOrganizations, Permission.PickOrganizations, Permission.ViewRounds, Permission.ViewLedger, Permission.JoinPool, Permission.ViewClues, Permission.ReceiveClues],
        // The three administrators never read business data: the system administrator only needs the
        // organisations' names to place an account.
        [Role.SysAdmin] = [Permission.ManageAccounts, Permission.ManageBackups, Permission.PickOrganizations, Permission.ViewSystemStatus],
        [Role.SecAdmin] = [Permission.ManageRoles, Permission.ManageSecurityPolicy, Permission.ViewSystemStatus],
        [Role.AuditAdmin] = [Permission.ReadAudit, Permission.ViewSystemStatus],
        // held beside 巡察办 / 纪委: what they add is the key to sealed clues
        [Role.OfficeDirector] = [Permission.ViewClues, Permission.OpenSealedClues],
        [Role.DisciplineSecretary] = [Permission.ViewClues, Permission.ReceiveClues, Permission.OpenSealedClues],
    };

    public static IReadOnlyList<Permission> All { get; } = Enum.GetValues<Permission>();

    public static bool Grants(this Role role, Permission permission) => Granted[role].Contains(permission);

    public static IEnumerable<Role> RolesGranting(Permission permission) => Roles.All.Where(r => r.Grants(permission));
}
