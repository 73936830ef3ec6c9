using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Gives every rendered post form its own submission id, so that posting it twice (a double click, a reload that
/// re-posts) gives the first answer again instead of a second record (<see cref="Idempotency"/>).
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class SubmissionTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!string.Equals(output.Attributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase)) return;
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{Idempotency.FormField}\" value=\"{Guid.NewGuid():N}\">");
    }
}

/// <summary>A page handler that refused its input shows the form again: that answer is not one to replay.</summary>
public sealed class ReplayGuardFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (!executed.ModelState.IsValid || executed.Exception is not null) context.HttpContext.Items[Idempotency.NoReplay] = true;
    }
}
