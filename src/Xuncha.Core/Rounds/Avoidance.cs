using Xuncha.Organizations;

namespace Xuncha.Rounds;

/// <summary>
/// 任职回避: nobody inspects an organisation they belong to, nor one above or below it in the tree
/// (ancestry counts both ways).
/// </summary>
public static class Avoidance
{
    public sealed record Conflict(Guid UserId, string Person, string PersonOrganization, string Target);

    /// <summary>The conflicts between people (with their home organisation) and the targets of one group.</summary>
    public static IEnumerable<Conflict> Check(
        IEnumerable<(Guid UserId, string Name, Organization? Home)> people, IReadOnlyCollection<Organization> targets) =>
        from p in people
        where p.Home is not null
        from t in targets
        where p.Home!.IsRelatedTo(t)
        select new Conflict(p.UserId, p.Name, p.Home!.Name, t.Name);

    public static string Message(Conflict c) => c.PersonOrganization == c.Target
        ? string.Format(Messages.Avoidance_Same, c.Person, c.Target)
        : string.Format(Messages.Avoidance_Related, c.Person, c.PersonOrganization, c.Target);
}
