using Xuncha.Documents;
using Xuncha.Web.Api;

namespace Xuncha.Web.Pages.Settings;

/// <summary>The official document templates: each kind's current template, its placeholders; download, preview, replace, restore; the fonts.</summary>
[Authorize(Policy = nameof(Permission.ManageTemplates))]
[RequestSizeLimit(TemplateService.MaxBytes + 64 * 1024)]
public sealed class TemplatesModel(TemplateService templates, DocumentService documents) : PageModel
{
    public IReadOnlyList<TemplateInfo> Templates { get; private set; } = [];
    public IReadOnlyList<FontStatus> Fonts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Templates = await templates.ListAsync(HttpContext.RequestAborted);
        Fonts = TemplateService.Fonts();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string kind, bool @default)
    {
        var (name, content) = await templates.DownloadAsync(DocumentsApi.Kind(kind), @default, HttpContext.RequestAborted);
        return File(content, DocumentsApi.DocxType, name);
    }

    public async Task<IActionResult> OnGetSampleAsync(string kind)
    {
        string name = "";
        var stream = await Downloads.TempAsync(async s => name = await documents.WriteSampleAsync(DocumentsApi.Kind(kind), s, HttpContext.RequestAborted));
        return File(stream, DocumentsApi.DocxType, name);
    }

    public async Task<IActionResult> OnPostUploadAsync(string kind, IFormFile? upload, uint? version)
    {
        var k = DocumentsApi.Kind(kind);
        if (upload is null || upload.Length == 0)
        {
            TempData.Fail(UiText.Templates_ChooseFile);
            return Redirect("/settings/templates");
        }
        TemplateUpload? result = null;
        await using (var stream = upload.OpenReadStream())
            return await this.ActAsync(async () =>
            {
                result = await templates.UploadAsync(k, stream, upload.FileName, version, HttpContext.RequestAborted);
                if (result.Warnings.Count > 0) TempData.Fail(string.Join(" ", result.Warnings));
            }, string.Format(UiText.Templates_Uploaded, Labels.Of(k)), "/settings/templates");
    }

    public Task<IActionResult> OnPostRestoreAsync(string kind) =>
        this.ActAsync(() => templates.RestoreDefaultAsync(DocumentsApi.Kind(kind), HttpContext.RequestAborted),
            UiText.Templates_Restored, "/settings/templates");
}
