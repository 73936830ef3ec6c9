using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Spreadsheets;

namespace Xuncha.Documents;

public sealed record TemplateInfo(DocumentKind Kind, string Name, bool IsCustom, string? FileName, string? UploadedBy, DateTimeOffset? UploadedAt,
    string? Sha256, IReadOnlyList<string> Names, uint Version);

/// <summary>An official font, whether this server has it, and what stands in for it where it is missing.</summary>
public sealed record FontStatus(string Font, string Use, bool Installed, string Fallback);

public sealed record TemplateUpload(IReadOnlyList<string> Warnings);

/// <summary>
/// The templates the official documents are written from: the default for each kind ships with Xuncha; the
/// office may upload its own .docx (with the same placeholders) and go back to the default at any time.
/// An upload is checked before it is kept: a real .docx, not too large, every placeholder known, and it must
/// render.
/// </summary>
public sealed class TemplateService(XunchaDbContext db, TimeProvider clock)
{
    public const long MaxBytes = 5L * 1024 * 1024;

    public async Task<IReadOnlyList<TemplateInfo>> ListAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageTemplates);
        var custom = await (from t in db.DocumentTemplates.AsNoTracking()
                            join u in db.Users on t.UploadedBy equals u.Id
                            select new { t.Kind, t.FileName, t.UploadedAt, t.Sha256, t.Version, u.DisplayName }).ToDictionaryAsync(t => t.Kind, ct);
        return Enum.GetValues<DocumentKind>().Select(k =>
        {
            var c = custom.GetValueOrDefault(k);
            return new TemplateInfo(k, Labels.Of(k), c is not null, c?.FileName, c?.DisplayName, c?.UploadedAt, c?.Sha256,
                [.. DocumentKinds.Common.Concat(DocumentKinds.Names(k))], c?.Version ?? 0);
        }).ToList();
    }

    /// <summary>The template a document is written from: the uploaded one, or the default.</summary>
    public async Task<byte[]> ContentAsync(DocumentKind kind, CancellationToken ct = default) =>
        await db.DocumentTemplates.AsNoTracking().Where(t => t.Kind == kind).Select(t => t.Content).SingleOrDefaultAsync(ct)
        ?? DocumentKinds.Default(kind);

    /// <summary>The current template (or the default one) to download and edit in Word.</summary>
    public async Task<(string FileName, byte[] Content)> DownloadAsync(DocumentKind kind, bool defaultOnly, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageTemplates);
        var custom = defaultOnly ? null : await db.DocumentTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, ct);
        return custom is null
            ? ($"{Labels.Of(kind)}（默认模板）.docx", DocumentKinds.Default(kind))
            : (custom.FileName, custom.Content);
    }

    public async Task<TemplateUpload> UploadAsync(DocumentKind kind, Stream content, string fileName, uint? version, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageTemplates);
        if (!Enum.IsDefined(kind)) throw new NotFoundException();
        if (!fileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)) throw new ValidationException("file", Messages.Template_NotDocx);
        var bytes = await ReadAsync(content, ct);
        var warnings = Check(kind, bytes);
        var existing = await db.DocumentTemplates.SingleOrDefaultAsync(t => t.Kind == kind, ct);
        var name = Path.GetFileName(fileName);
        db.MatchVersion(existing, version);
        if (existing is null)
            db.DocumentTemplates.Add(DocumentTemplate.Upload(kind, name, bytes, db.Actor.UserId ?? Guid.Empty, clock.GetUtcNow()));
        else existing.Replace(name, bytes, db.Actor.UserId ?? Guid.Empty, clock.GetUtcNow());
        db.Record(AuditAction.Update, "document_templates", kind.ToString(), detail: new { file = name, bytes = bytes.Length });
        await db.SaveChangesAsync(ct);
        return new TemplateUpload(warnings);
    }

    public async Task RestoreDefaultAsync(DocumentKind kind, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ManageTemplates);
        var existing = await db.DocumentTemplates.SingleOrDefaultAsync(t => t.Kind == kind, ct);
        if (existing is null) return;
        db.DocumentTemplates.Remove(existing);
        db.Record(AuditAction.Delete, "document_templates", kind.ToString(), detail: new { file = existing.FileName });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks an uploaded template; returns warnings (placeholders the template leaves out) or throws with what is wrong.</summary>
    public static IReadOnlyList<string> Check(DocumentKind kind, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        PackageGuard.Check(stream, Messages.Template_NotDocx, Messages.Template_Encrypted);
        IReadOnlySet<string> used;
        try
        {
            using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = 20_000_000 });
            if (doc.DocumentType != WordprocessingDocumentType.Document || doc.MainDocumentPart?.Document?.Body is null)
                throw new ValidationException("file", Messages.Template_NotDocx);
            used = DocxTemplate.NamesIn(doc);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or ArgumentException
                                      or InvalidOperationException or System.Xml.XmlException)
        {
            throw new ValidationException("file", Messages.Template_NotDocx);
        }
        var known = DocumentKinds.Common.Concat(DocumentKinds.Names(kind)).ToHashSet();
        var unknown = used.Where(n => !known.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new ValidationException("file", string.Format(Messages.Template_UnknownNames, string.Join("、", unknown.Select(n => "{{" + n + "}}")),
                string.Join("、", known.Select(n => "{{" + n + "}}"))));
        try
        {
            using var input = new MemoryStream(bytes, writable: false);
            using var output = new MemoryStream();
            DocxTemplate.Render(input, DocumentSamples.For(kind), new ExportTrace("检查", DateTimeOffset.UnixEpoch), output);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or InvalidOperationException or ArgumentException or System.Xml.XmlException)
        {
            throw new ValidationException("file", Messages.Template_DoesNotRender);
        }
        var essential = DocumentKinds.Essential(kind).Where(n => !used.Contains(n)).ToList();
        return essential.Count == 0 ? [] : [string.Format(Messages.Template_Leaves, string.Join("、", essential.Select(n => "{{" + n + "}}")))];
    }

    private static async Task<byte[]> ReadAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new ValidationException("file", string.Format(Messages.Import_TooLarge, MaxBytes / 1024 / 1024));
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The GB/T 9704 fonts and whether this server has them (fc-list). Word and WPS on the reader's computer use
    /// the font when it is installed there and otherwise the fallback the document names (仿宋, 宋体, 楷体).
    /// </summary>
    public static IReadOnlyList<FontStatus> Fonts()
    {
        var installed = InstalledFamilies();
        return
        [
            new(OfficialDocument.Xiaobiaosong, Messages.Font_Title, Has(installed, OfficialDocument.Xiaobiaosong, "FZXiaoBiaoSong"), "宋体（Noto Serif CJK SC）"),
            new(OfficialDocument.Fangsong, Messages.Font_Body, Has(installed, OfficialDocument.Fangsong, "FangSong_GB2312", "仿宋"), "仿宋（Noto Serif CJK SC）"),
            new(OfficialDocument.Heiti, Messages.Font_Heading1, Has(installed, OfficialDocument.Heiti, "SimHei"), "Noto Sans CJK SC"),
            new(OfficialDocument.Kaiti, Messages.Font_Heading2, Has(installed, OfficialDocument.Kaiti, "KaiTi_GB2312", "楷体"), "楷体（Noto Serif CJK SC）"),
        ];
    }

    private static bool Has(HashSet<string> installed, params string[] names) => names.Any(installed.Contains);

    private static HashSet<string> InstalledFamilies()
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("fc-list", ":lang=zh family") { RedirectStandardOutput = true, UseShellExecute = false });
            if (p is null) return result;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(5000);
            foreach (var line in output.Split('\n'))
                foreach (var name in line.Split(',')) result.Add(name.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no fontconfig: nothing is known to be installed
        }
        return result;
    }
}
