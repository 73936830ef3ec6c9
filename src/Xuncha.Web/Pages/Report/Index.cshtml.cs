using Microsoft.AspNetCore.RateLimiting;
using Xuncha.Confidential;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Report;

/// <summary>A group's public report page (网上举报): anyone, no account; the writer leaves with a receipt code.</summary>
[EnableRateLimiting(Infrastructure.WebServices.PublicRateLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = Infrastructure.WebServices.UploadLimit)]
[RequestSizeLimit(Infrastructure.WebServices.UploadLimit)]
public sealed class IndexModel(PublicReportService letters, CurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public PublicForm Input { get; set; } = new();

    public PublicChannel Channel { get; private set; } = null!;
    public string? Number { get; private set; }
    public string? Receipt { get; private set; }

    public sealed class PublicForm
    {
        public Guid? TargetId { get; set; }
        public bool Named { get; set; }
        public string? SubjectName { get; set; }
        public string? SubjectPost { get; set; }
        public string? SubjectUnit { get; set; }
        public string? Content { get; set; }
        public string? ReporterName { get; set; }
        public string? ReporterPhone { get; set; }
    }

    public async Task OnGetAsync()
    {
        actor.Value = Actor.PublicReporter();
        Channel = await letters.ChannelAsync(Token, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        actor.Value = Actor.PublicReporter();
        Channel = await letters.ChannelAsync(Token, HttpContext.RequestAborted);
        try
        {
            var (number, receipt) = await letters.SubmitAsync(Token, new PublicLetterInput(Input.TargetId, !Input.Named, Input.SubjectName, Input.SubjectPost,
                Input.SubjectUnit, Input.Content, Input.ReporterName, Input.ReporterPhone), Uploads.From(Request.Form.Files), HttpContext.RequestAborted);
            Number = number;
            Receipt = ReceiptCodes.Format(receipt);
            Input = new PublicForm();
        }
        catch (ValidationException e)
        {
            ModelState.AddDomainErrors(e, nameof(Input));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        return Page();
    }
}
