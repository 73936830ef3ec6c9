namespace Xuncha.Problems;

/// <summary>
/// A versioned classification of problems. Rounds keep the version they were planned with, so a new
/// version never reclassifies old problems. Two ship: seed 000's five aspects and the 四个落实.
/// </summary>
public sealed class Taxonomy
{
    private Taxonomy() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int VersionNumber { get; private set; }
    public bool IsActive { get; private set; }
}

public sealed class ProblemCategory
{
    private ProblemCategory() { }

    public Guid Id { get; private set; }
    public Guid TaxonomyId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
}
