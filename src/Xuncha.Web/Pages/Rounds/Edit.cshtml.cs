using Xuncha.Organizations;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Web.Pages.Rounds;

[Authorize(Policy = nameof(Permission.ManageRounds))]
public sealed class EditModel(RoundService rounds, RoundQueries queries, TermService terms) : PageModel
{
    public sealed class RoundForm
    {
        public Guid? CommitteeId { get; set; }
        public Guid? TermId { get; set; }
        public int? Year { get; set; }
        public int? Ordinal { get; set; }
        public string? Name { get; set; }
        public RoundType? Type { get; set; } = RoundType.Regular;
        public string? Theme { get; set; }
        public string? FocusPoints { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public Guid? TaxonomyId { get; set; }
        public uint? Version { get; set; }

        public RoundInput Input => new(CommitteeId, TermId, Year, Ordinal, Name, Type, Theme, FocusPoints, PlannedStart, PlannedEnd, TaxonomyId);
    }

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public RoundForm Input { get; set; } = new();

    public IReadOnlyList<TermView> Terms { get; private set; } = [];
    public IReadOnlyList<Taxonomy> Taxonomies { get; private set; } = [];
    public string CommitteeName { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Id is { } id)
        {
            var r = await queries.GetAsync(id, ct);
            Input = new RoundForm
            {
                CommitteeId = r.CommitteeId, TermId = r.TermId, Year = r.Year, Ordinal = r.Ordinal, Name = r.Name, Type = r.Type, Theme = r.Theme,
                FocusPoints = r.FocusPoints, PlannedStart = r.PlannedStart, PlannedEnd = r.PlannedEnd, TaxonomyId = r.TaxonomyId, Version = r.Version,
            };
        }
        else
        {
            var d = await rounds.DefaultsAsync(ct);
            Input = new RoundForm { CommitteeId = d.CommitteeId, TermId = d.TermId, Year = d.Year, Ordinal = d.Ordinal, Name = d.Name, TaxonomyId = d.TaxonomyId };
        }
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        Guid saved = default;
        if (await this.TryAsync(async () =>
            {
                if (Id is { } id) await rounds.UpdateAsync(saved = id, Input.Input, Input.Version, HttpContext.RequestAborted);
                else saved = await rounds.CreateAsync(Input.Input, HttpContext.RequestAborted);
            }))
        {
            TempData.Ok(UiText.Common_Saved);
            return Redirect($"/rounds/{saved}");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Terms = (await terms.ListAsync(HttpContext.RequestAborted)).Where(t => t.CommitteeId == Input.CommitteeId).ToList();
        Taxonomies = await queries.TaxonomiesAsync(HttpContext.RequestAborted);
        CommitteeName = Terms.FirstOrDefault()?.CommitteeName ?? "";
    }
}
