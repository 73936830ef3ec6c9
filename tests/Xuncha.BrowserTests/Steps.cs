using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>
/// Steps that wait for a state, never for time: CI runs on a busy two-core machine, where a picker closes late
/// and an htmx answer lands after the next click. Every page gets <see cref="IdleScript"/>, which counts htmx
/// requests and swaps still under way.
/// </summary>
public static class Steps
{
    /// <summary>Runs in every document before the page's own scripts.</summary>
    public const string IdleScript = """
        (() => {
          let requests = 0, settling = 0;
          window.__xunchaIdle = () => requests === 0 && settling === 0;
          document.addEventListener('htmx:beforeRequest', () => requests++);
          document.addEventListener('htmx:afterRequest', () => requests = Math.max(0, requests - 1));
          document.addEventListener('htmx:afterSwap', () => settling++);
          document.addEventListener('htmx:afterSettle', () => settling = Math.max(0, settling - 1));
        })();
        """;

    /// <summary>Waits until no htmx request is under way and every swap has settled.</summary>
    public static Task SettledAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState !== 'loading' && (!window.__xunchaIdle || window.__xunchaIdle())");

    /// <summary>Clicks something that makes an htmx request and waits until its answer is in place.</summary>
    public static async Task ClickSettledAsync(this IPage page, string selector)
    {
        await page.ClickAsync(selector);
        await page.SettledAsync();
    }

    /// <summary>
    /// Chooses the option of a tom-select box whose text contains <paramref name="text"/>, as a click would, then
    /// closes and blurs the picker and waits until its dropdown is hidden, so that it covers nothing.
    /// </summary>
    public static async Task PickAsync(this IPage page, string selectId, string text)
    {
        var picked = await page.EvaluateAsync<bool>(@"([id, text]) => {
            const select = document.getElementById(id);
            const ts = select && select.tomselect;
            const option = select && [...select.options].find(o => o.text.includes(text));
            if (!ts || !option) return false;
            ts.addItem(option.value);
            ts.close();
            ts.blur();
            return true;
        }", new[] { selectId, text });
        picked.ShouldBeTrue($"no option “{text}” in #{selectId}");
        await ClosedAsync(page, selectId);
        await page.SettledAsync();
    }

    /// <summary>Takes an item out of a tom-select box (multiple choice), and waits as <see cref="PickAsync"/> does.</summary>
    public static async Task UnpickAsync(this IPage page, string selectId, string text)
    {
        var removed = await page.EvaluateAsync<bool>(@"([id, text]) => {
            const select = document.getElementById(id);
            const ts = select && select.tomselect;
            const option = select && [...select.options].find(o => o.text.includes(text));
            if (!ts || !option) return false;
            ts.removeItem(option.value);
            ts.close();
            ts.blur();
            return true;
        }", new[] { selectId, text });
        removed.ShouldBeTrue($"no option “{text}” in #{selectId}");
        await ClosedAsync(page, selectId);
        await page.SettledAsync();
    }

    /// <summary>Waits until the dropdown of the tom-select box on <paramref name="selectId"/> is hidden.</summary>
    private static Task ClosedAsync(IPage page, string selectId) =>
        page.WaitForFunctionAsync(@"(id) => {
            const ts = document.getElementById(id).tomselect;
            return !ts.isOpen && (!ts.dropdown || getComputedStyle(ts.dropdown).display === 'none');
        }", selectId);

    /// <summary>Clicks something that posts a form and waits for the page it leads to; a red message fails the test.</summary>
    public static async Task PostAsync(this IPage page, string selector)
    {
        // the old document is marked; the wait ends when a new one (the redirect's target, or the form again) is there
        await page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await page.ClickAsync(selector);
        await page.WaitForSelectorAsync("body:not([data-stale])", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var errors = page.Locator(".alert-danger.alert-dismissible:visible, .validation-summary-errors:visible, .invalid-feedback:visible:not(:empty)");
        if (await errors.CountAsync() > 0)
            throw new ShouldAssertException($"{selector} on {page.Url}: {await errors.First.InnerTextAsync()}");
    }

    /// <summary>Clicks something that posts a form and waits for the next document, whatever it shows.</summary>
    public static async Task SubmitAsync(this IPage page, string selector)
    {
        await page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await page.ClickAsync(selector);
        await page.WaitForSelectorAsync("body:not([data-stale])", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
