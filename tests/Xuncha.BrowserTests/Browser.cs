using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>The app on a real port, with the demo organisations, and headless Chromium (Debian's) driven by Playwright.</summary>
public class BrowserApp : XunchaApp
{
    private IPlaywright? _playwright;

    public BrowserApp() => Kestrel = true;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Whether the demo's history (rounds, problems, rectification) is loaded, or only its organisations.</summary>
    protected virtual bool History => false;

    public static string ScreenshotDirectory
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/screenshots"));
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadDemoAsync(History);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    protected override async Task DisposeAppAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAppAsync();
    }

    /// <summary>A new browser context; <paramref name="locale"/> is the browser's language (the pages must read the same in any).</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768, string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, TimezoneId = "Asia/Shanghai", ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(Steps.IdleScript);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the page and waits for the home page.</summary>
    public async Task<IPage> SignedInPageAsync(Common.Role role, int width = 1366, int height = 768)
    {
        var (name, password) = await CreateUserAsync(role);
        return await SignInAsync(name, password, width, height);
    }

    /// <summary>A new browser context signed in as the user; confirmations (data-confirm) are accepted.</summary>
    public async Task<IPage> SignInAsync(string name, string password, int width = 1366, int height = 768)
    {
        var page = await NewPageAsync(width, height);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_UserName", name);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    public static Task ShotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });
}
