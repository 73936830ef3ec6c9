namespace Xuncha.Common;

/// <summary>Who is acting: a signed-in user, an anonymous visitor, or the command-line operator.</summary>
public sealed record Actor
{
    public Guid? UserId { get; init; }
    public required string UserName { get; init; }
    public string DisplayName { get; init; } = "";
    public IReadOnlySet<Role> Roles { get; init; } = new HashSet<Role>();
    public Guid? OrganizationId { get; init; }
    public string? ClientAddress { get; init; }

    /// <summary>The operator at the server's console (CLI, migrations, demo loader): trusted like root.</summary>
    public bool IsSystem { get; init; }

    public bool IsAuthenticated => UserId is not null || IsSystem;

    public bool Has(Role role) => Roles.Contains(role);

    public bool Can(Permission permission) => IsSystem || Roles.Any(r => r.Grants(permission));

    public void Demand(Permission permission)
    {
        if (!Can(permission)) throw new ForbiddenException();
    }

    public static Actor Anonymous(string? clientAddress = null) =>
        new() { UserName = "(anonymous)", ClientAddress = clientAddress };

    public static Actor System(string operatorName) =>
        new() { UserName = "cli:" + operatorName, DisplayName = operatorName, IsSystem = true, ClientAddress = "local" };
}

/// <summary>The actor of the current unit of work, set once by the web request pipeline or the CLI.</summary>
public sealed class CurrentActor
{
    private Actor? _value;

    public Actor Value
    {
        get => _value ?? Actor.Anonymous();
        set => _value = value;
    }
}
