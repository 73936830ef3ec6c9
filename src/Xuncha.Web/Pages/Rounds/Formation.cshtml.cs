using Xuncha.Pool;
using Xuncha.Pool.Formation;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Rounds;

/// <summary>
/// 智能组队: Xuncha proposes the round's groups from the pool, with the reason for each choice, who was ruled
/// out of each target and why, and the goals not met; the office edits the proposal (each change re-checked at
/// once) and adopts it, replacing the round's groups.
/// </summary>
[Authorize(Policy = nameof(Permission.ManageRounds))]
public sealed class FormationModel(RoundQueries rounds, GroupService groups, FormationService formation) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public RoundDetail Round { get; private set; } = null!;
    public IReadOnlyList<GroupService.Candidate> Candidates { get; private set; } = [];
    public FormationProposal? Proposal { get; private set; }
    public List<GroupPlanInput> Plans { get; private set; } = [];
    public FormationService.Checked Checks { get; private set; } = new([], 0);
    public IReadOnlyList<Impossibility> Impossible { get; private set; } = [];
    public int GroupCount { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostProposeAsync(int? groupCount, bool current)
    {
        await LoadAsync();
        GroupCount = groupCount ?? GroupCount;
        try
        {
            Proposal = await formation.ProposeAsync(Id, current ? null : groupCount, null, current, HttpContext.RequestAborted);
            Plans = Proposal.Groups.Select(g => new GroupPlanInput(null, g.Members.Single(m => m.Role == ProposedRole.Leader).Id,
                g.Members.Where(m => m.Role == ProposedRole.Deputy).Select(m => m.Id).ToList(),
                g.Members.Where(m => m.Role == ProposedRole.Member).Select(m => m.Id).ToList(), g.Targets.Select(t => t.Id).ToList())).ToList();
            Checks = await formation.CheckAllAsync(Id, Plans, HttpContext.RequestAborted);
        }
        catch (FormationImpossibleException e)
        {
            Impossible = e.Details;
        }
        catch (ValidationException e)
        {
            ModelState.AddDomainErrors(e, "");
        }
        return Page();
    }

    /// <summary>htmx: the edited groups re-checked at once (violations and scores, each group's panel swapped).</summary>
    public async Task<IActionResult> OnPostCheckAsync(List<GroupPlanInput> groups)
    {
        Checks = await formation.CheckAllAsync(Id, groups, HttpContext.RequestAborted);
        return Partial("_FormationChecks", (Checks, true));
    }

    public async Task<IActionResult> OnPostApplyAsync(List<GroupPlanInput> groups, uint? version)
    {
        if (await this.TryAsync(() => formation.ApplyAsync(Id, groups, version, HttpContext.RequestAborted), ""))
        {
            TempData.Ok(UiText.Formation_Applied);
            return Redirect($"/rounds/{Id}");
        }
        await LoadAsync();
        Plans = groups;
        Checks = await formation.CheckAllAsync(Id, groups, HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadAsync()
    {
        Round = await rounds.GetAsync(Id, HttpContext.RequestAborted);
        Candidates = await groups.CandidatesAsync(HttpContext.RequestAborted);
        GroupCount = Round.Groups.Count > 0 ? Round.Groups.Count : Math.Max(1, (Round.Targets.Count + 3) / 4);
    }
}
