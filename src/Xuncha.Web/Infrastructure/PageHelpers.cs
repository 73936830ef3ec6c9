using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Xuncha.Common;

namespace Xuncha.Web.Infrastructure;

/// <summary>One-shot messages shown at the top of the next page.</summary>
public static class Flash
{
    public const string Success = "flash.success";
    public const string Error = "flash.error";

    public static void Ok(this ITempDataDictionary temp, string message) => temp[Success] = message;

    public static void Fail(this ITempDataDictionary temp, string message) => temp[Error] = message;
}

public static class PageHelpers
{
    /// <summary>
    /// Runs a service call from a page handler; a refusal becomes model errors (field errors under
    /// <paramref name="prefix"/>, the rest in the summary) so the page is shown again with what was typed.
    /// </summary>
    public static async Task<bool> TryAsync(this PageModel page, Func<Task> action, string prefix = "Input")
    {
        try
        {
            await action();
            return true;
        }
        catch (ValidationException e)
        {
            page.ModelState.AddDomainErrors(e, prefix);
        }
        catch (DomainException e)
        {
            page.ModelState.AddModelError("", e.Message);
        }
        return false;
    }

    /// <summary>
    /// For action buttons (approve, submit, close…): runs the action, puts the outcome in the flash — the success
    /// message, or every reason it was refused — and redirects back to <paramref name="back"/>.
    /// </summary>
    public static async Task<IActionResult> ActAsync(this PageModel page, Func<Task> action, string success, string back)
    {
        try
        {
            await action();
            page.TempData.Ok(success);
        }
        catch (ValidationException e)
        {
            page.TempData.Fail(string.Join(" ", e.Errors.SelectMany(kv => kv.Value)));
        }
        catch (DomainException e)
        {
            page.TempData.Fail(e.Message);
        }
        return new RedirectResult(back);
    }

    public static void AddDomainErrors(this ModelStateDictionary state, ValidationException e, string prefix)
    {
        foreach (var (field, messages) in e.Errors)
            foreach (var m in messages)
                // uploaded files are never part of the input object: their messages show beside the file input ("files")
                state.AddModelError(field == FilesField || string.IsNullOrEmpty(prefix) ? Pascal(field) : $"{prefix}.{Pascal(field)}", m);
    }

    /// <summary>The form field of uploaded files, and the model-state key of their messages.</summary>
    public const string FilesField = "files";

    private static string Pascal(string field) => field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];
}
