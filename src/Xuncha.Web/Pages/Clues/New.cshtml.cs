using Xuncha.Confidential;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Clues;

[Authorize(Policy = nameof(Permission.RegisterClues))]
[RequestFormLimits(MultipartBodyLengthLimit = Infrastructure.WebServices.UploadLimit)]
[RequestSizeLimit(Infrastructure.WebServices.UploadLimit)]
public sealed class NewModel(ClueService clues) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    public IReadOnlyList<ClueTargetOption> Targets { get; private set; } = [];

    public sealed class Form
    {
        /// <summary>"roundId|organizationId" from the target picker.</summary>
        public string? Target { get; set; }
        public ClueSource Source { get; set; } = ClueSource.Fieldwork;
        public ClueLevel Level { get; set; } = ClueLevel.Secret;
        public bool TopLeader { get; set; }
        public string? SubjectName { get; set; }
        public string? SubjectPost { get; set; }
        public string? Summary { get; set; }
        public string? Evidence { get; set; }
    }

    public async Task OnGetAsync() => Targets = await clues.TargetOptionsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var parts = (Input.Target ?? "").Split('|');
        Guid? round = parts.Length == 2 && Guid.TryParse(parts[0], out var r) ? r : null;
        Guid? org = parts.Length == 2 && Guid.TryParse(parts[1], out var o) ? o : null;
        try
        {
            var id = await clues.RegisterAsync(new ClueInput(round, null, org, Input.Source, null, Input.Level, Input.TopLeader, Input.SubjectName,
                Input.SubjectPost, Input.Summary, Input.Evidence), Uploads.From(Request.Form.Files), HttpContext.RequestAborted);
            TempData.Ok(UiText.Clue_Registered);
            return Redirect($"/clues/{id}");
        }
        catch (ValidationException e)
        {
            ModelState.AddDomainErrors(e, nameof(Input));
            if (e.Errors.ContainsKey("roundId") || e.Errors.ContainsKey("organizationId")) ModelState.AddModelError("Input.Target", Messages.Clue_NoSuchOrganization);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        Targets = await clues.TargetOptionsAsync(HttpContext.RequestAborted);
        return Page();
    }
}
