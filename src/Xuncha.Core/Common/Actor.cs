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

    /// <summary>The server-side session the request came in with (null for the console and anonymous visitors).</summary>
    public Guid? SessionId { get; init; }

    /// <summary>The operator at the server's console (CLI, migrations, demo loader): trusted like root.</summary>
    public bool IsSystem { get; init; }

    /// <summary>Someone on the public report page: no account, no address, and no audit row to date what they send.</summary>
    public bool IsPublicReporter { get; init; }

    public bool IsAuthenticated => UserId is not null || IsSystem;

    public bool Has(Role role) => Roles.Contains(role);

    public bool Can(Permission permission) => IsSystem || Roles.Any(r => r.Grants(permission));

    public void Demand(Permission permission)
    {
        if (!Can(permission)) throw new ForbiddenException();
    }

    public static Actor Anonymous(string? clientAddress = null) =>
        new() { UserName = "(anonymous)", ClientAddress = clientAddress };

    /// <summary>The writer of a letter on the public page. Carries no client address, on purpose.</summary>
    public static Actor PublicReporter() => new() { UserName = "(public)", IsPublicReporter = true };

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

/// <summary>A record the public report page may write; such writes leave no audit row (it would date them).</summary>
public interface IPublicSubmission;
