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
}

public static class Permissions
{
    private static readonly Dictionary<Role, Permission[]> Granted = new()
    {
        [Role.Office] = [Permission.ViewOrganizations, Permission.PickOrganizations, Permission.ManageOrganizations, Permission.ManageTerms],
        [Role.LeadingGroup] = [Permission.ViewOrganizations, Permission.PickOrganizations],
        [Role.GroupLeader] = [Permission.ViewOrganizations, Permission.PickOrganizations],
        [Role.GroupMember] = [Permission.ViewOrganizations, Permission.PickOrganizations],
        [Role.Unit] = [Permission.PickOrganizations],
        [Role.Discipline] = [Permission.ViewOrganizations, Permission.PickOrganizations],
        // The three administrators never read business data: the system administrator only needs the
        // organisations' names to place an account.
        [Role.SysAdmin] = [Permission.ManageAccounts, Permission.ManageBackups, Permission.PickOrganizations],
        [Role.SecAdmin] = [Permission.ManageRoles, Permission.ManageSecurityPolicy],
        [Role.AuditAdmin] = [Permission.ReadAudit],
    };

    public static IReadOnlyList<Permission> All { get; } = Enum.GetValues<Permission>();

    public static bool Grants(this Role role, Permission permission) => Granted[role].Contains(permission);

    public static IEnumerable<Role> RolesGranting(Permission permission) => Roles.All.Where(r => r.Grants(permission));
}
