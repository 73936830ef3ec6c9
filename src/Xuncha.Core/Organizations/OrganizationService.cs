using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Organizations;

/// <summary>Browse, search, add, edit, move, deactivate organisations. Nothing here deletes one.</summary>
public sealed partial class OrganizationService(XunchaDbContext db, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    private IQueryable<Organization> Visible => db.Organizations.VisibleTo(Actor);

    /// <summary>The tree in display order (depth first, by sort order then name); a search keeps matches and their ancestors.</summary>
    public async Task<IReadOnlyList<OrganizationLine>> TreeAsync(string? search = null, bool includeInactive = true, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewOrganizations);
        var all = await Visible.AsNoTracking().ToListAsync(ct);
        var byId = all.ToDictionary(o => o.Id);
        var children = all.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value);
        var s = search?.Trim();
        HashSet<Guid>? keep = null, matched = null;
        if (!string.IsNullOrEmpty(s))
        {
            matched = all.Where(o => o.Name.Contains(s, StringComparison.OrdinalIgnoreCase)
                                     || o.Code.Contains(s, StringComparison.OrdinalIgnoreCase)
                                     || (o.Secretary?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false))
                .Select(o => o.Id).ToHashSet();
            keep = [.. matched];
            foreach (var id in matched)
                for (var p = byId[id].ParentId; p is not null && byId.TryGetValue(p.Value, out var parent); p = parent.ParentId)
                    keep.Add(parent.Id);
        }

        var lines = new List<OrganizationLine>();
        void Walk(IEnumerable<Organization> level)
        {
            foreach (var o in level.OrderBy(o => o.SortOrder).ThenBy(o => o.Name, StringComparer.Ordinal))
            {
                if (!includeInactive && !o.IsActive) continue;
                if (keep is not null && !keep.Contains(o.Id)) continue;
                var parentName = o.ParentId is { } pid && byId.TryGetValue(pid, out var par) ? par.Name : null;
                lines.Add(new OrganizationLine(View(o, parentName, children[o.Id].Count()), matched?.Contains(o.Id) ?? false));
                Walk(children[o.Id]);
            }
        }
        Walk(all.Where(o => o.ParentId is null || !byId.ContainsKey(o.ParentId.Value)));
        return lines;
    }

    public async Task<OrganizationView> GetAsync(Guid id, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ViewOrganizations);
        var o = await Visible.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        var parentName = o.ParentId is null ? null : await Visible.Where(p => p.Id == o.ParentId).Select(p => p.Name).SingleOrDefaultAsync(ct);
        var childCount = await Visible.CountAsync(c => c.ParentId == id, ct);
        return View(o, parentName, childCount);
    }

    /// <summary>Names for pickers, in tree order.</summary>
    public async Task<IReadOnlyList<OrganizationOption>> OptionsAsync(bool activeOnly = true, CancellationToken ct = default)
    {
        if (!Actor.Can(Permission.PickOrganizations)) throw new ForbiddenException();
        var all = await Visible.AsNoTracking().Where(o => !activeOnly || o.IsActive).ToListAsync(ct);
        var byId = all.ToDictionary(x => x.Id.ToString("N"));
        return all.OrderBy(o => TreeKey(o, byId), StringComparer.Ordinal)
            .Select(o => new OrganizationOption(o.Id, o.Code, o.Name, o.Type, o.Depth, o.IsActive)).ToList();
    }

    public async Task<OrganizationView> CreateAsync(OrganizationInput input, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageOrganizations);
        var (code, name, type, secretary) = Validate(input);
        var parent = await ParentAsync(input.ParentId, ct);
        await CheckUniqueAsync(code, name, input.ParentId, null, ct);
        var org = Organization.Create(Guid.CreateVersion7(clock.GetUtcNow()), code, name, type, parent, secretary, input.SortOrder, clock.GetUtcNow());
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return await GetAsync(org.Id, ct);
    }

    /// <summary>Edits an organisation; a new parent moves it with its whole subtree.</summary>
    public async Task<OrganizationView> UpdateAsync(Guid id, OrganizationInput input, uint version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageOrganizations);
        var org = await LoadAsync(id, version, ct);
        var (code, name, type, secretary) = Validate(input);
        var parent = await ParentAsync(input.ParentId, ct);
        await CheckUniqueAsync(code, name, input.ParentId, id, ct);
        if (input.ParentId != org.ParentId)
        {
            var descendants = await db.Organizations.Where(d => d.Path.StartsWith(org.Path) && d.Id != org.Id).ToListAsync(ct);
            org.MoveTo(parent, descendants, type);
        }
        org.Update(code, name, type, secretary, input.SortOrder, parent);
        await CheckChildrenStillFitAsync(org, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<OrganizationView> MoveAsync(Guid id, Guid? parentId, uint version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageOrganizations);
        var org = await LoadAsync(id, version, ct);
        var parent = await ParentAsync(parentId, ct);
        await CheckUniqueAsync(org.Code, org.Name, parentId, id, ct);
        var descendants = await db.Organizations.Where(d => d.Path.StartsWith(org.Path) && d.Id != org.Id).ToListAsync(ct);
        org.MoveTo(parent, descendants);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<OrganizationView> DeactivateAsync(Guid id, uint version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageOrganizations);
        var org = await LoadAsync(id, version, ct);
        org.Deactivate(await db.Organizations.AnyAsync(c => c.ParentId == id && c.IsActive, ct));
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<OrganizationView> ReactivateAsync(Guid id, uint version, CancellationToken ct = default)
    {
        Actor.Demand(Permission.ManageOrganizations);
        var org = await LoadAsync(id, version, ct);
        org.Reactivate(org.ParentId is null ? null : await db.Organizations.SingleAsync(p => p.Id == org.ParentId, ct));
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    internal static (string Code, string Name, OrganizationType Type, string? Secretary) Validate(OrganizationInput input)
    {
        var v = new Validator();
        var code = v.Line("code", input.Code, Organization.CodeMax, required: true)?.ToUpperInvariant();
        if (code is not null && !CodePattern().IsMatch(code)) v.Add("code", Messages.Org_CodePattern);
        var name = v.Line("name", input.Name, Organization.NameMax, required: true);
        var secretary = v.Text("secretary", input.Secretary, Organization.SecretaryMax, required: false);
        if (input.Type is null || !Enum.IsDefined(input.Type.Value)) v.Add("type", Messages.Error_Required);
        if (input.SortOrder is < 0 or > 99999) v.Add("sortOrder", string.Format(Messages.Error_Range, 0, 99999));
        v.ThrowIfInvalid();
        return (code!, name!, input.Type!.Value, secretary);
    }

    private async Task<Organization?> ParentAsync(Guid? parentId, CancellationToken ct)
    {
        if (parentId is null) return null;
        var parent = await db.Organizations.SingleOrDefaultAsync(p => p.Id == parentId, ct);
        if (parent is null) throw new ValidationException("parentId", Messages.Org_NoSuchParent);
        return parent;
    }

    private async Task CheckUniqueAsync(string code, string name, Guid? parentId, Guid? self, CancellationToken ct)
    {
        var v = new Validator();
        if (await db.Organizations.AnyAsync(o => o.Code == code && o.Id != self, ct))
            v.Add("code", string.Format(Messages.Org_CodeTaken, code));
        if (await db.Organizations.AnyAsync(o => o.ParentId == parentId && o.Name == name && o.Id != self, ct))
            v.Add("name", string.Format(Messages.Org_NameTakenUnderParent, name));
        v.ThrowIfInvalid();
    }

    private async Task CheckChildrenStillFitAsync(Organization org, CancellationToken ct)
    {
        var childTypes = await db.Organizations.Where(c => c.ParentId == org.Id).Select(c => c.Type).Distinct().ToListAsync(ct);
        var misfit = childTypes.Where(t => !t.MayBeUnder(org.Type)).ToList();
        if (misfit.Count > 0)
            throw new ValidationException("type", string.Format(Messages.Org_ChildrenWouldNotFit, misfit[0].DisplayName(), org.Type.DisplayName()));
    }

    private async Task<Organization> LoadAsync(Guid id, uint version, CancellationToken ct)
    {
        var org = await Visible.SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException();
        if (org.Version != version) throw new ConcurrencyException();
        db.Entry(org).Property(o => o.Version).OriginalValue = version;
        return org;
    }

    /// <summary>Sort key along the path: each ancestor's sort order and name.</summary>
    private static string TreeKey(Organization o, Dictionary<string, Organization> byId) => string.Join("/", o.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => byId.TryGetValue(id, out var a) ? $"{a.SortOrder:D5}{a.Name}" : id));

    internal static OrganizationView View(Organization o, string? parentName, int childCount) =>
        new(o.Id, o.Code, o.Name, o.Type, o.ParentId, parentName, o.Secretary, o.SortOrder, o.IsActive, o.Depth, childCount, o.Version, o.Path);

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9._\-]*$")]
    internal static partial Regex CodePattern();
}
