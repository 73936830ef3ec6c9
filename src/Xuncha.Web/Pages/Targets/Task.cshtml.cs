using Xuncha.Organizations;
using Xuncha.Problems;
using Xuncha.Rectification;

namespace Xuncha.Web.Pages.Targets;

/// <summary>A task of the plan, written by the unit's liaison — or by the office on behalf of a unit without one (代录; the service checks).</summary>
[Authorize(Policy = nameof(Permission.ViewRounds))]
public sealed class TaskModel(PlanQueries queries, PlanService plans, OrganizationService organizations) : PageModel
{
    public const int MilestoneRows = 6;

    public sealed class MilestoneForm
    {
        public DateOnly? DueOn { get; set; }
        public string? Description { get; set; }
    }

    public sealed class TaskForm
    {
        public Guid? ProblemId { get; set; }
        public string? Goal { get; set; }
        public string? Measures { get; set; }
        public string? ResponsibleLeader { get; set; }
        public Guid? LeadOrganizationId { get; set; }
        public List<Guid> CoOrganizationIds { get; set; } = [];
        public TaskKind? Kind { get; set; } = TaskKind.Deadline;
        public DateOnly? Deadline { get; set; }
        public List<MilestoneForm> Milestones { get; set; } = [];
        public uint? Version { get; set; }

        public TaskInput Input => new(ProblemId, Goal, Measures, ResponsibleLeader, LeadOrganizationId, CoOrganizationIds, Kind, Deadline,
            Milestones.Select(m => new MilestoneInput(m.DueOn, m.Description)).ToList());
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? TaskId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Supplement { get; set; }
    [BindProperty] public TaskForm Input { get; set; } = new();

    public string OrganizationName { get; private set; } = "";
    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];
    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? problemId)
    {
        var plan = await LoadAsync();
        if (!plan.CanEdit && !plan.CanPropose) return Forbid();
        if (TaskId is { } tid)
        {
            var t = plan.Problems.SelectMany(p => p.Tasks).FirstOrDefault(x => x.Id == tid) ?? throw new NotFoundException();
            Input = new TaskForm
            {
                ProblemId = t.ProblemId, Goal = t.Goal, Measures = t.Measures, ResponsibleLeader = t.ResponsibleLeader,
                LeadOrganizationId = t.LeadOrganization.Id, CoOrganizationIds = t.CoOrganizations.Select(c => c.Id).ToList(), Kind = t.Kind,
                Deadline = t.Deadline, Milestones = t.Milestones.Select(m => new MilestoneForm { DueOn = m.DueOn, Description = m.Description }).ToList(),
                Version = t.Version,
            };
        }
        else
        {
            Input.ProblemId = problemId ?? Problems.FirstOrDefault()?.Id;
            Input.LeadOrganizationId = plan.OrganizationId;
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (await this.TryAsync(async () =>
            {
                if (Supplement && TaskId is null) await plans.ProposeTaskAsync(Id, Input.Input, HttpContext.RequestAborted);
                else await plans.SaveTaskAsync(Id, TaskId, Input.Input, Input.Version, HttpContext.RequestAborted);
            }))
        {
            TempData.Ok(UiText.Plan_TaskSaved);
            return Redirect($"/targets/{Id}");
        }
        await LoadAsync();
        Pad();
        return Page();
    }

    private async Task<PlanView> LoadAsync()
    {
        var plan = await queries.GetAsync(Id, HttpContext.RequestAborted);
        OrganizationName = plan.OrganizationName;
        Problems = plan.Problems.Select(p => p.Problem).ToList();
        Organizations = await organizations.OptionsAsync(ct: HttpContext.RequestAborted);
        return plan;
    }

    private void Pad()
    {
        while (Input.Milestones.Count < MilestoneRows) Input.Milestones.Add(new MilestoneForm());
    }
}
