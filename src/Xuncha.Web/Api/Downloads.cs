using Microsoft.AspNetCore.Http.HttpResults;

namespace Xuncha.Web.Api;

/// <summary>Exports are written to a temporary file (deleted on close) and streamed from there: memory stays flat.</summary>
public static class Downloads
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<FileStreamHttpResult> XlsxAsync(Func<Stream, Task> write, string fileName)
    {
        var stream = await TempAsync(write);
        return TypedResults.File(stream, XlsxType, fileName);
    }

    public static async Task<FileStream> TempAsync(Func<Stream, Task> write)
    {
        var path = Path.Combine(Path.GetTempPath(), "xuncha-" + Guid.NewGuid().ToString("N"));
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(stream);
            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>An uploaded file goes out as an attachment that cannot run as a page here; confidential ones are not cached.</summary>
    public static void Guard(HttpResponse response, bool confidential)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        if (confidential) response.Headers.CacheControl = "no-store";
    }

    public static string Stamp(TimeProvider clock) => clock.GetLocalNow().ToString("yyyyMMdd-HHmm");
}
