using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Organizations;

public sealed record TermInput(Guid? CommitteeId, string? Name, DateOnly? StartDate, DateOnly? EndDate);

public sealed record TermView(Guid Id, Guid CommitteeId, string CommitteeName, string Name, DateOnly StartDate, DateOnly EndDate, bool IsCurrent, uint Version);

/// <summary>Committee terms (届). Terms of one committee never overlap.</summary>
public sealed class TermService(XunchaDbContext db, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task<IReadOnlyList<TermView>> ListAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ViewOrganizations);
        var rows = await (from t in db.Terms.AsNoTracking()
                          join o in db.Organizations.VisibleTo(db.Actor) on t.CommitteeId equals o.Id
                          orderby o.Name, t.StartDate descending
                          select new { t, o.Name }).ToListAsync(ct);
        return rows.Select(r => View(r.t, r.Name)).ToList();
    }

    public async Task<TermView> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(ct)).SingleOrDefault(t => t.Id == id) ?? throw new NotFoundException();

    public async Task<TermView?> CurrentAsync(Guid committeeId, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(t => t.CommitteeId == committeeId && t.IsCurrent);

    public async Task<TermView> CreateAsync(TermInput input, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageTerms);
        var (committee, name, start, end) = await ValidateAsync(input, null, ct);
        var term = Term.Create(Guid.CreateVersion7(clock.GetUtcNow()), committee, name, start, end);
        db.Terms.Add(term);
        await db.SaveChangesAsync(ct);
        return await GetAsync(term.Id, ct);
    }

    public async Task<TermView> UpdateAsync(Guid id, TermInput input, uint version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageTerms);
        var term = await db.Terms.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException();
        if (term.Version != version) throw new ConcurrencyException();
        db.Entry(term).Property(t => t.Version).OriginalValue = version;
        var (_, name, start, end) = await ValidateAsync(input with { CommitteeId = term.CommitteeId }, id, ct);
        term.Update(name, start, end);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<(Guid, string, DateOnly, DateOnly)> ValidateAsync(TermInput input, Guid? self, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Line("name", input.Name, Term.NameMax, required: true);
        if (input.StartDate is null) v.Add("startDate", Messages.Error_Required);
        if (input.EndDate is null) v.Add("endDate", Messages.Error_Required);
        if (input.StartDate is { } s && input.EndDate is { } e && e <= s) v.Add("endDate", Messages.Term_EndBeforeStart);
        var committee = input.CommitteeId is null ? null
            : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == input.CommitteeId, ct);
        if (committee is null) v.Add("committeeId", Messages.Term_NoSuchCommittee);
        else if (committee.Type != OrganizationType.Committee) v.Add("committeeId", Messages.Term_NotACommittee);
        if (v.IsValid)
        {
            var others = await db.Terms.AsNoTracking().Where(t => t.CommitteeId == committee!.Id && t.Id != self).ToListAsync(ct);
            var clash = others.FirstOrDefault(t => t.Overlaps(input.StartDate!.Value, input.EndDate!.Value));
            if (clash is not null) v.Add("startDate", string.Format(Messages.Term_Overlaps, clash.Name));
        }
        v.ThrowIfInvalid();
        return (committee!.Id, name!, input.StartDate!.Value, input.EndDate!.Value);
    }

    private TermView View(Term t, string committeeName) =>
        new(t.Id, t.CommitteeId, committeeName, t.Name, t.StartDate, t.EndDate, t.Contains(Today), t.Version);
}
