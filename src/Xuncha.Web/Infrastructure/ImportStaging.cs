using System.Security.Cryptography;

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
