using Xuncha.Confidential;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Letters;

/// <summary>A member registers a letter received by mail, phone, e-mail or in person; the writer's receipt code is shown once.</summary>
[Authorize(Policy = nameof(Permission.HandleLetters))]
[RequestFormLimits(MultipartBodyLengthLimit = Infrastructure.WebServices.UploadLimit)]
[RequestSizeLimit(Infrastructure.WebServices.UploadLimit)]
public sealed class NewModel(LetterService letters, TimeProvider clock) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    public IReadOnlyList<ChannelLink> Groups { get; private set; } = [];
    public IReadOnlyList<(Guid Id, Guid GroupId, string Name)> Targets { get; private set; } = [];
    public string? Receipt { get; private set; }
    public Guid? CreatedId { get; private set; }

    public sealed class Form
    {
        public Guid? GroupId { get; set; }
        public Guid? TargetId { get; set; }
        public LetterChannel Channel { get; set; } = LetterChannel.Mail;
        public bool Anonymous { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public string? SubjectName { get; set; }
        public string? SubjectPost { get; set; }
        public string? SubjectUnit { get; set; }
        public string? Content { get; set; }
        public string? ReporterName { get; set; }
        public string? ReporterPhone { get; set; }
    }

    public async Task OnGetAsync()
    {
        Input.ReceivedOn = clock.Today(); // most letters are registered the day they come
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var (id, _, receipt) = await letters.RegisterAsync(new LetterInput(Input.GroupId, Input.TargetId, Input.Channel, Input.Anonymous, Input.ReceivedOn,
                Input.SubjectName, Input.SubjectPost, Input.SubjectUnit, Input.Content, Input.ReporterName, Input.ReporterPhone),
                Uploads.From(Request.Form.Files), HttpContext.RequestAborted);
            Receipt = ReceiptCodes.Format(receipt);
            CreatedId = id;
        }
        catch (ValidationException e)
        {
            ModelState.AddDomainErrors(e, nameof(Input));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Groups = await letters.ChannelsAsync(HttpContext.RequestAborted);
        Targets = Groups.SelectMany(g => g.Targets.Select(t => (t.Id, g.GroupId, t.Name))).ToList();
    }
}
