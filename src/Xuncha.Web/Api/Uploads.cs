using Xuncha.Files;

namespace Xuncha.Web.Api;

/// <summary>Form files as the core library takes them.</summary>
public static class Uploads
{
    public const int MaxFiles = 5;

    public static IReadOnlyList<Upload> From(IFormFileCollection? files)
    {
        if (files is null || files.Count == 0) return [];
        if (files.Count > MaxFiles) throw new ValidationException("files", string.Format(Messages.File_TooMany, MaxFiles));
        return files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).Select(f => new Upload(f.FileName, f.Length, f.OpenReadStream)).ToList();
    }

    public static RouteHandlerBuilder AcceptsUploads(this RouteHandlerBuilder b) =>
        b.DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(WebServices.UploadLimit));
}
