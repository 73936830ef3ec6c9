using Microsoft.AspNetCore.Diagnostics;

namespace Xuncha.Web.Pages;

/// <summary>Errors of pages (the API answers problem+json instead). Needs no database: it may be why we are here.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Message { get; private set; } = "";
    public string TraceId => HttpContext.TraceIdentifier;
    public string RetryUrl { get; private set; } = "/";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reexecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        if (failure?.Error is { } e)
        {
            (Status, _, Message) = HttpProblems.Classify(e);
            RetryUrl = failure.Path;
        }
        else
        {
            Status = code ?? 500;
            Message = Status switch
            {
                404 => UiText.Error_NotFound,
                403 => UiText.Denied_Text,
                401 => Messages.Problem_Unauthorized,
                _ => Messages.Problem_Internal,
            };
            RetryUrl = reexecute?.OriginalPath ?? "/";
        }
        Response.StatusCode = Status is >= 400 and < 600 ? Status : 500;
    }
}
