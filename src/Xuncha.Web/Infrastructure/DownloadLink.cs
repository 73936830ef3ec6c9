namespace Xuncha.Web.Infrastructure;

/// <summary>An entry of a page's download menu: a document (.docx) or a workbook (.xlsx).</summary>
public sealed record DownloadLink(string Label, string Href, bool Word, string? Id = null)
{
    public static string Document(Documents.DocumentKind kind, Guid id) => $"/documents/{Api.DocumentsApi.Slug(kind)}/{id}";
}
