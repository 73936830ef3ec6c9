using Xuncha.Data;

namespace Xuncha.Web.Pages.Admin;

/// <summary>系统状态: the database login and whether it leaves the audit trail protected, migrations, addresses, sessions.</summary>
[Authorize(Policy = nameof(Permission.ViewSystemStatus))]
public sealed class StatusModel(SystemStatus status, IConfiguration config, XunchaSettings settings) : PageModel
{
    public SystemState State { get; private set; } = null!;
    public IReadOnlySet<string> AllowedHosts { get; private set; } = new HashSet<string>();
    public string TrustedProxies { get; private set; } = "";

    public async Task OnGetAsync()
    {
        State = await status.ReadAsync(HttpContext.RequestAborted);
        AllowedHosts = RequestOrigin.AllowedHosts(config, settings);
        TrustedProxies = config["XUNCHA_TRUSTED_PROXIES"] ?? "";
    }
}
