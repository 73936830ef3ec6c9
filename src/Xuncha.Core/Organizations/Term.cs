namespace Xuncha.Organizations;

/// <summary>A committee's term (届), usually five years: full coverage is counted within it.</summary>
public sealed class Term : Common.IVersioned
{
    public const int NameMax = 50;

    private Term() { }

    public Guid Id { get; private set; }
    public Guid CommitteeId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public uint Version { get; private set; }

    public static Term Create(Guid id, Guid committeeId, string name, DateOnly start, DateOnly end)
    {
        var term = new Term { Id = id, CommitteeId = committeeId };
        term.Update(name, start, end);
        return term;
    }

    public void Update(string name, DateOnly start, DateOnly end)
    {
        if (end <= start) throw new Common.ValidationException("endDate", Messages.Term_EndBeforeStart);
        Name = name;
        StartDate = start;
        EndDate = end;
    }

    public bool Contains(DateOnly day) => day >= StartDate && day <= EndDate;

    public bool Overlaps(DateOnly start, DateOnly end) => start <= EndDate && end >= StartDate;
}
