using Xuncha.Common;

namespace Xuncha.Organizations;

/// <summary>The one read filter for organisations.</summary>
public static class OrganizationScope
{
    /// <summary>
    /// The tree is reference data: everyone who works with organisations sees all of it (a unit liaison too,
    /// to pick lead and co-units). Administrators other than the system administrator see none. Which
    /// fields and actions are open is decided per operation by permission.
    /// </summary>
    public static IQueryable<Organization> VisibleTo(this IQueryable<Organization> q, Actor actor) =>
        actor.Can(Permission.ViewOrganizations) || actor.Can(Permission.PickOrganizations) ? q : q.Where(_ => false);
}
