using Xuncha.Pool;

namespace Xuncha.Web.Pages.Pool;

/// <summary>The fields of a pool member, as the edit, apply and recommend forms post them.</summary>
public sealed class MemberForm
{
    public string? Name { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? Position { get; set; }
    public Guid? RankId { get; set; }
    public bool LeaderEligible { get; set; }
    public bool FullTime { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<Guid> ProfessionIds { get; set; } = [];
    public Guid? UserId { get; set; }
    public string? Reason { get; set; }
    public Guid? RecommendingOrganizationId { get; set; }
    public uint? Version { get; set; }

    public MemberInput Input => new(Name, OrganizationId, Position, RankId, LeaderEligible, FullTime, Phone, Email, ProfessionIds, UserId);

    public static MemberForm From(MemberDetail d) => new()
    {
        Name = d.Row.Name, OrganizationId = d.OrganizationId, Position = d.Row.Position, RankId = d.RankId, LeaderEligible = d.Row.LeaderEligible,
        FullTime = d.Row.FullTime, Phone = d.Phone, Email = d.Email, ProfessionIds = d.ProfessionIds.ToList(), UserId = d.UserId, Version = d.Row.Version,
    };
}

/// <summary>What the member form needs to offer: organisations, ranks, professions, and (for the office) accounts.</summary>
public sealed record MemberFormView(MemberForm Input, IReadOnlyList<Xuncha.Organizations.OrganizationOption> Organizations, IReadOnlyList<OptionItem> Ranks,
    IReadOnlyList<OptionItem> Professions, IReadOnlyList<(Guid Id, string Label)> Accounts, bool ShowAccount, bool ShowPool);
