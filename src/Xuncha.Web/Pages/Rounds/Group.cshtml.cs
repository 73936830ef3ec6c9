using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Rounds;

[Authorize(Policy = nameof(Permission.ManageRounds))]
public sealed class GroupModel(RoundQueries queries, GroupService groups, Xuncha.Pool.FormationService formation) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? GroupId { get; set; }

    public string RoundName { get; private set; } = "";
    public uint? Version { get; private set; }
    public string? Name { get; private set; }
    public Guid? LeaderId { get; private set; }
    public List<Guid> DeputyIds { get; private set; } = [];
    public List<Guid> MemberIds { get; private set; } = [];
    public List<Guid> TargetIds { get; private set; } = [];
    public IReadOnlyList<GroupService.Candidate> Candidates { get; private set; } = [];
    public IReadOnlyList<TargetView> Targets { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var r = await LoadAsync();
        if (GroupId is { } gid && r.Groups.FirstOrDefault(g => g.Id == gid) is { } g)
        {
            Version = g.Version;
            Name = g.Name;
            LeaderId = g.Members.FirstOrDefault(m => m.Role == GroupRole.Leader)?.MemberId;
            DeputyIds = g.Members.Where(m => m.Role == GroupRole.Deputy).Select(m => m.MemberId).ToList();
            MemberIds = g.Members.Where(m => m.Role == GroupRole.Member).Select(m => m.MemberId).ToList();
            TargetIds = g.TargetIds.ToList();
        }
        else if (GroupId is not null) throw new NotFoundException();
    }

    public async Task<IActionResult> OnPostAsync(string? name, Guid? leaderId, List<Guid> deputyIds, List<Guid> memberIds, List<Guid> targetIds, uint? version)
    {
        if (await this.TryAsync(() => groups.SaveAsync(Id, GroupId, new GroupInput(name, leaderId, deputyIds, memberIds, targetIds), version, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(UiText.Common_Saved);
            return Redirect($"/rounds/{Id}");
        }
        (Name, LeaderId, DeputyIds, MemberIds, TargetIds, Version) = (name, leaderId, deputyIds, memberIds, targetIds, version);
        await LoadAsync();
        return Page();
    }

    /// <summary>htmx: the group as edited so far, re-checked against every hard rule, with its goals' score (nothing saved).</summary>
    public async Task<IActionResult> OnPostCheckAsync(string? name, Guid? leaderId, List<Guid> deputyIds, List<Guid> memberIds, List<Guid> targetIds)
    {
        var input = new GroupInput(name, leaderId, deputyIds, memberIds, targetIds);
        var violations = await groups.CheckAsync(Id, GroupId, targetIds, input, HttpContext.RequestAborted);
        var everyone = (leaderId is { } l ? new[] { l } : []).Concat(deputyIds).Concat(memberIds).ToList();
        var (score, goals) = await formation.ScoreAsync(Id, everyone, HttpContext.RequestAborted);
        return Partial("_FormationCheck", (new Xuncha.Pool.FormationService.GroupCheck(0, violations.Select(v => v.Message).Distinct().ToList(), score, goals), false));
    }

    public Task<IActionResult> OnPostDeleteAsync() =>
        this.ActAsync(() => groups.DeleteAsync(Id, GroupId ?? Guid.Empty, HttpContext.RequestAborted), UiText.Common_Saved, $"/rounds/{Id}");

    private async Task<RoundDetail> LoadAsync()
    {
        var r = await queries.GetAsync(Id, HttpContext.RequestAborted);
        RoundName = r.Name;
        Targets = r.Targets;
        Candidates = await groups.CandidatesAsync(HttpContext.RequestAborted);
        return r;
    }
}
