using Microsoft.AspNetCore.RateLimiting;
using Xuncha.Confidential;

namespace Xuncha.Web.Pages.Report;

/// <summary>The writer checks a letter with the receipt code and answers the group's questions. Wrong codes are throttled.</summary>
[EnableRateLimiting(Infrastructure.WebServices.PublicRateLimit)]
public sealed class StatusModel(PublicReportService letters, CurrentActor actor) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Answer { get; set; }

    public ReceiptView? View { get; private set; }
    public string? Notice { get; private set; }

    public void OnGet() => actor.Value = Actor.PublicReporter();

    public Task<IActionResult> OnPostAsync() => LookAsync();

    public async Task<IActionResult> OnPostAnswerAsync()
    {
        actor.Value = Actor.PublicReporter();
        try
        {
            await letters.AnswerAsync(Code, Api.ConfidentialApi.Client(HttpContext), Answer, HttpContext.RequestAborted);
            Notice = UiText.Report_AnswerSent;
            Answer = null;
        }
        catch (ValidationException e)
        {
            ModelState.AddModelError("", string.Join(" ", e.Errors.SelectMany(kv => kv.Value)));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        return await LookAsync();
    }

    private async Task<IActionResult> LookAsync()
    {
        actor.Value = Actor.PublicReporter();
        try
        {
            View = await letters.ByReceiptAsync(Code, Api.ConfidentialApi.Client(HttpContext), HttpContext.RequestAborted);
        }
        catch (ValidationException e)
        {
            ModelState.AddModelError("", string.Join(" ", e.Errors.SelectMany(kv => kv.Value)));
        }
        catch (ThrottledException e)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError("", e.Message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        return Page();
    }
}
