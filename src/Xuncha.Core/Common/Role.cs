namespace Xuncha.Common;

/// <summary>The roles of domain.md, plus the three administrators kept apart (三员分立).</summary>
public enum Role
{
    Office,
    LeadingGroup,
    GroupLeader,
    GroupMember,
    Unit,
    Discipline,
    SysAdmin,
    SecAdmin,
    AuditAdmin,

    /// <summary>巡察办主任: held beside 巡察办; opens sealed clues.</summary>
    OfficeDirector,

    /// <summary>纪委书记: held beside 纪委; opens sealed clues.</summary>
    DisciplineSecretary,
}

public static class Roles
{
    private static readonly Dictionary<Role, string> Keys = new()
    {
        [Role.Office] = "office",
        [Role.LeadingGroup] = "leading-group",
        [Role.GroupLeader] = "group-leader",
        [Role.GroupMember] = "group-member",
        [Role.Unit] = "unit",
        [Role.Discipline] = "discipline",
        [Role.SysAdmin] = "sysadmin",
        [Role.SecAdmin] = "secadmin",
        [Role.AuditAdmin] = "auditadmin",
        [Role.OfficeDirector] = "office-director",
        [Role.DisciplineSecretary] = "discipline-secretary",
    };

    private static readonly Dictionary<string, Role> ByKey =
        Keys.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>The key used by the CLI, the API and the identity store.</summary>
    public static string Key(this Role role) => Keys[role];

    public static bool TryParse(string? key, out Role role) => ByKey.TryGetValue(key?.Trim() ?? "", out role);

    public static string DisplayName(this Role role) => role switch
    {
        Role.Office => Messages.Role_Office,
        Role.LeadingGroup => Messages.Role_LeadingGroup,
        Role.GroupLeader => Messages.Role_GroupLeader,
        Role.GroupMember => Messages.Role_GroupMember,
        Role.Unit => Messages.Role_Unit,
        Role.Discipline => Messages.Role_Discipline,
        Role.SysAdmin => Messages.Role_SysAdmin,
        Role.SecAdmin => Messages.Role_SecAdmin,
        Role.AuditAdmin => Messages.Role_AuditAdmin,
        Role.OfficeDirector => Messages.Role_OfficeDirector,
        Role.DisciplineSecretary => Messages.Role_DisciplineSecretary,
    };

    /// <summary>系统管理员, 安全管理员, 审计管理员: each must be the only role of its account.</summary>
    public static bool IsAdministrator(this Role role) => role is Role.SysAdmin or Role.SecAdmin or Role.AuditAdmin;
}
