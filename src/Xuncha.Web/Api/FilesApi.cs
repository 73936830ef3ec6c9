using Xuncha.Files;

namespace Xuncha.Web.Api;

public static class FilesApi
{
    public static RouteGroupBuilder MapFilesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/files/{id:guid}", DownloadAsync).RequireAuthorization(nameof(Permission.ViewRounds)).WithTags("文件")
            .WithSummary("下载佐证材料（附件方式；只有能看到所属记录的人可以下载）");
        return api;
    }

    internal static async Task<IResult> DownloadAsync(Guid id, FileStore files, HttpContext ctx, CancellationToken ct)
    {
        var (file, content) = await files.OpenAsync(id, ct);
        Downloads.Guard(ctx.Response, confidential: false);
        ctx.Response.Headers["X-Content-SHA256"] = file.Sha256;
        return TypedResults.File(content, file.ContentType, file.FileName);
    }
}
