using Xuncha.Audit;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Audit;

[Authorize(Policy = nameof(Permission.ReadAudit))]
public sealed class IndexModel(AuditLog log, AuditVerifier verifier, AuditCheckpoints checkpoints, AuditChain chain, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public new string? User { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? ObjectType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }

    public AuditFilter Filter => new(From, To, User, Action, ObjectType, null, Outcome);
    public AuditPage Results { get; private set; } = new([], null);
    public AuditVerification? Verification { get; private set; }

    /// <summary>The filter as a query string, for export and paging links.</summary>
    public string QueryString => string.Join("&", new (string, string?)[]
        {
            ("from", From?.ToString("yyyy-MM-dd")), ("to", To?.ToString("yyyy-MM-dd")), ("user", User),
            ("action", Action), ("objectType", ObjectType), ("outcome", Outcome),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public async Task OnGetAsync(long? before) => Results = await log.SearchAsync(Filter, before, 50, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetTableAsync()
    {
        await OnGetAsync(null);
        return Partial("_Table", this);
    }

    public async Task<IActionResult> OnGetRowsAsync(long before)
    {
        await OnGetAsync(before);
        return Partial("_Rows", this);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var stream = await Downloads.TempAsync(s => log.ExportAsync(Filter, s, HttpContext.RequestAborted));
        return File(stream, Downloads.XlsxType, $"审计日志-{Downloads.Stamp(clock)}.xlsx");
    }

    public async Task<IActionResult> OnGetCheckpointAsync()
    {
        var c = await checkpoints.CreateAsync(HttpContext.RequestAborted);
        return File(System.Text.Encoding.UTF8.GetBytes(c.ToJson()), "application/json", $"审计检查点-{Downloads.Stamp(clock)}.json");
    }

    /// <summary>Verifies the chain and its head; with a checkpoint file, also that the trail still reaches it unchanged.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(IFormFile? checkpoint)
    {
        await this.TryAsync(async () =>
        {
            AuditCheckpoint? c = null;
            if (checkpoint is { Length: > 0 })
            {
                if (checkpoint.Length > 64 * 1024) throw new ValidationException("checkpoint", Messages.Audit_CheckpointUnreadable);
                using var reader = new StreamReader(checkpoint.OpenReadStream());
                c = AuditCheckpoint.Read(await reader.ReadToEndAsync(HttpContext.RequestAborted), chain);
            }
            Verification = await verifier.VerifyAsync(c, HttpContext.RequestAborted);
        }, "");
        await OnGetAsync(null);
        return Page();
    }
}
