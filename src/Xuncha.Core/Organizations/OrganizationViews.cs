namespace Xuncha.Organizations;

public sealed record OrganizationInput(string? Code, string? Name, OrganizationType? Type, Guid? ParentId, string? Secretary, int SortOrder = 0);

public sealed record OrganizationView(
    Guid Id, string Code, string Name, OrganizationType Type, Guid? ParentId, string? ParentName,
    string? Secretary, int SortOrder, bool IsActive, int Depth, int ChildCount, uint Version, string Path)
{
    public string TypeName => Type.DisplayName();
}

/// <summary>A line of the tree as shown: the organisation, and whether it matched the search (ancestors come along).</summary>
public sealed record OrganizationLine(OrganizationView Org, bool Matched);

public sealed record OrganizationOption(Guid Id, string Code, string Name, OrganizationType Type, int Depth, bool IsActive);
