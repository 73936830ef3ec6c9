namespace Xuncha.Organizations;

/// <summary>
/// A party organisation or department in the committee's tree. Never deleted once it has history:
/// it is deactivated. <see cref="Path"/> lists the ids from the root down, so ancestry is a prefix test.
/// </summary>
public sealed class Organization : Common.IVersioned
{
    public const int CodeMax = 32, NameMax = 100, SecretaryMax = 50, MaxDepth = 8;

    private Organization() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrganizationType Type { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Path { get; private set; } = "";
    public string? Secretary { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public int Depth => Path.Count(c => c == '/') - 1;

    public static Organization Create(
        Guid id, string code, string name, OrganizationType type, Organization? parent,
        string? secretary, int sortOrder, DateTimeOffset now)
    {
        var org = new Organization { Id = id, CreatedAt = now };
        org.Update(code, name, type, secretary, sortOrder, parent);
        org.Place(parent);
        return org;
    }

    /// <summary>Edits the fields; the type must still fit under the current parent.</summary>
    public void Update(string code, string name, OrganizationType type, string? secretary, int sortOrder, Organization? parent)
    {
        if (!type.MayBeUnder(parent?.Type))
            throw new Common.DomainException(string.Format(Messages.Org_TypeNotAllowedUnder,
                type.DisplayName(), parent?.Type.DisplayName() ?? Messages.Org_Root));
        Code = code;
        Name = name;
        Type = type;
        Secretary = secretary;
        SortOrder = sortOrder;
    }

    public bool IsAncestorOf(Organization other) => other.Id != Id && other.Path.StartsWith(Path, StringComparison.Ordinal);

    public bool IsRelatedTo(Organization other) => other.Id == Id || IsAncestorOf(other) || other.IsAncestorOf(this);

    /// <summary>Moves this organisation (and, through <paramref name="descendants"/>, its subtree) under a new parent.</summary>
    /// <param name="asType">The type it will have after the move, when an edit changes both.</param>
    public void MoveTo(Organization? parent, IReadOnlyCollection<Organization> descendants, OrganizationType? asType = null)
    {
        if (parent is not null && (parent.Id == Id || IsAncestorOf(parent)))
            throw new Common.DomainException(Messages.Org_MoveCycle);
        var type = asType ?? Type;
        if (!type.MayBeUnder(parent?.Type))
            throw new Common.DomainException(string.Format(Messages.Org_TypeNotAllowedUnder,
                type.DisplayName(), parent?.Type.DisplayName() ?? Messages.Org_Root));
        if (parent is not null && !parent.IsActive)
            throw new Common.DomainException(Messages.Org_ParentInactive);

        var oldPath = Path;
        Place(parent);
        var deepest = descendants.Count == 0 ? Depth : descendants.Max(d => d.Depth) - CountSlashes(oldPath) + CountSlashes(Path);
        if (deepest > MaxDepth) throw new Common.DomainException(string.Format(Messages.Org_TooDeep, MaxDepth));
        foreach (var d in descendants) d.Path = Path + d.Path[oldPath.Length..];
    }

    public void Deactivate(bool hasActiveChildren)
    {
        if (!IsActive) throw new Common.DomainException(Messages.Org_AlreadyInactive);
        if (hasActiveChildren) throw new Common.DomainException(Messages.Org_HasActiveChildren);
        IsActive = false;
    }

    public void Reactivate(Organization? parent)
    {
        if (IsActive) throw new Common.DomainException(Messages.Org_AlreadyActive);
        if (parent is not null && !parent.IsActive) throw new Common.DomainException(Messages.Org_ParentInactive);
        IsActive = true;
    }

    private void Place(Organization? parent)
    {
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + Id.ToString("N") + "/";
        if (Depth > MaxDepth) throw new Common.DomainException(string.Format(Messages.Org_TooDeep, MaxDepth));
    }

    private static int CountSlashes(string path) => path.Count(c => c == '/');
}
