using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// An uploaded import file kept between its preview and its commit: under $XUNCHA_DATA/staging with a random
/// token for a name, removed after the commit or after an hour.
/// </summary>
public sealed class ImportStaging(XunchaSettings settings, TimeProvider clock)
{
    private string Root => Path.Combine(settings.DataDirectory, "staging");

    public async Task<(string Token, string FileName, string Path)> StageAsync(IFormFile upload, string prefix, CancellationToken ct)
    {
        Clean(prefix);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var name = Path.GetFileName(upload.FileName);
        var path = PathOf(prefix, token, name);
        await using (var f = File.Create(path)) await upload.CopyToAsync(f, ct);
        return (token, name, path);
    }

    /// <summary>
    /// The preview step of an import page: stages the upload and runs the import without committing; a file
    /// that does not pass is removed at once. Problems go into the page's model state.
    /// </summary>
    public async Task<(string? Token, string? FileName, T? Result)> PreviewAsync<T>(PageModel page, IFormFile? upload, string prefix,
        Func<Stream, string, bool, Task<T>> run, Func<T, bool> valid) where T : class
    {
        if (upload is null || upload.Length == 0)
        {
            page.ModelState.AddModelError("", Messages.Error_Required);
            return (null, null, null);
        }
        var (token, name, path) = await StageAsync(upload, prefix, page.HttpContext.RequestAborted);
        T? result = null;
        await page.TryAsync(async () =>
        {
            await using var f = File.OpenRead(path);
            result = await run(f, upload.FileName, false);
        }, "");
        if (result is null || !valid(result)) File.Delete(path);
        return (token, name, result);
    }

    /// <summary>The commit step: runs the import on the staged file (which is removed whatever happens); null when it has expired.</summary>
    public async Task<T?> CommitAsync<T>(PageModel page, string prefix, string? token, string fileName, Func<Stream, string, bool, Task<T>> run) where T : class
    {
        if (Find(prefix, token, fileName) is not { } path)
        {
            page.ModelState.AddModelError("", UiText.Import_Expired);
            return null;
        }
        try
        {
            T? result = null;
            await using var f = File.OpenRead(path);
            await page.TryAsync(async () => result = await run(f, fileName, true), "");
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The staged file of a token, or null when the token is malformed or the file has gone.</summary>
    public string? Find(string prefix, string? token, string fileName) =>
        token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower) && File.Exists(PathOf(prefix, token, fileName)) ? PathOf(prefix, token, fileName) : null;

    private string PathOf(string prefix, string token, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return Path.Combine(Root, $"{prefix}-{token}{(ext is ".xlsx" or ".csv" ? ext : ".bin")}");
    }

    private void Clean(string prefix)
    {
        Directory.CreateDirectory(Root);
        foreach (var f in new DirectoryInfo(Root).GetFiles(prefix + "-*"))
            if (f.LastWriteTimeUtc < clock.GetUtcNow().UtcDateTime.AddHours(-1)) f.Delete();
    }
}
