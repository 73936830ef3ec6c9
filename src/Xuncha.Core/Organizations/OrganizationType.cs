namespace Xuncha.Organizations;

/// <summary>党委 → 二级党委 / 党总支 / 直属党支部 → 党支部, plus 职能部门.</summary>
public enum OrganizationType
{
    Committee,
    SecondaryCommittee,
    GeneralBranch,
    DirectBranch,
    Branch,
    Department,
}

public static class OrganizationTypes
{
    public static IReadOnlyList<OrganizationType> All { get; } = Enum.GetValues<OrganizationType>();

    public static string DisplayName(this OrganizationType type) => type switch
    {
        OrganizationType.Committee => Messages.OrgType_Committee,
        OrganizationType.SecondaryCommittee => Messages.OrgType_SecondaryCommittee,
        OrganizationType.GeneralBranch => Messages.OrgType_GeneralBranch,
        OrganizationType.DirectBranch => Messages.OrgType_DirectBranch,
        OrganizationType.Branch => Messages.OrgType_Branch,
        OrganizationType.Department => Messages.OrgType_Department,
    };

    public static bool TryParseDisplayName(string? text, out OrganizationType type)
    {
        var clean = text?.Trim();
        foreach (var t in All)
        {
            if (t.DisplayName() == clean || string.Equals(t.ToString(), clean, StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>Where each kind of organisation may sit; null parent means a root.</summary>
    public static bool MayBeUnder(this OrganizationType child, OrganizationType? parent) => (child, parent) switch
    {
        (OrganizationType.Committee, null or OrganizationType.Committee) => true,
        (OrganizationType.SecondaryCommittee or OrganizationType.DirectBranch, OrganizationType.Committee) => true,
        (OrganizationType.GeneralBranch or OrganizationType.Department,
            OrganizationType.Committee or OrganizationType.SecondaryCommittee) => true,
        (OrganizationType.Branch, OrganizationType.SecondaryCommittee or OrganizationType.GeneralBranch) => true,
        _ => false,
    };
}
