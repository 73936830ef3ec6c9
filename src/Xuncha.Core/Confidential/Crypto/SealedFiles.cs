using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Files;

namespace Xuncha.Confidential.Crypto;

/// <summary>
/// Evidence of confidential records, sealed at rest: checked like any evidence file (allow-list by content, 50 MB),
/// then written as <c>XCF1 · nonce prefix · segments</c>, each 64 KiB segment sealed with the record's key, its
/// index and whether it is the last bound in (a segment cut off, reordered or moved to another file fails).
/// </summary>
public sealed class SealedFiles(XunchaSettings settings, XunchaDbContext db, TimeProvider clock)
{
    private const int Segment = 64 * 1024;
    private static readonly byte[] Magic = "XCF1"u8.ToArray();

    private string Root => Path.Combine(settings.DataDirectory, "sealed");

    /// <summary>Checks, seals and writes the uploads, adding their rows (saved by the caller). All or none.</summary>
    public async Task<List<(SealedFile Row, string Path)>> AddAllAsync(RecordLock record, string recordType, IReadOnlyList<Upload> uploads, CancellationToken ct)
    {
        var written = new List<(SealedFile, string)>();
        try
        {
            foreach (var u in uploads) written.Add(await AddAsync(record, recordType, u, ct));
            return written;
        }
        catch
        {
            Discard(written);
            throw;
        }
    }

    public void Discard(IEnumerable<(SealedFile Row, string Path)> written)
    {
        foreach (var (row, path) in written)
        {
            db.Entry(row).State = EntityState.Detached;
            File.Delete(path);
        }
    }

    private async Task<(SealedFile, string)> AddAsync(RecordLock record, string recordType, Upload upload, CancellationToken ct)
    {
        var name = FileStore.CleanName(upload.FileName);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (!FileKinds.Extensions.Contains(ext))
            throw new ValidationException("files", string.Format(Messages.File_TypeNotAllowed, name, "pdf、docx、xlsx、doc、xls、jpg、png、ofd、zip"));
        if (upload.Length > FileStore.MaxBytes) throw new ValidationException("files", string.Format(Messages.File_TooLarge, name, FileStore.MaxBytes / 1024 / 1024));
        using var buffer = new MemoryStream();
        await using (var source = upload.Open())
        {
            var chunk = new byte[81920];
            int n;
            while ((n = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > FileStore.MaxBytes)
                    throw new ValidationException("files", string.Format(Messages.File_TooLarge, name, FileStore.MaxBytes / 1024 / 1024));
                buffer.Write(chunk, 0, n);
            }
        }
        var type = buffer.Length == 0 ? null : FileKinds.Identify(ext, buffer);
        if (type is null) throw new ValidationException("files", string.Format(Messages.File_ContentMismatch, name));

        var id = Guid.NewGuid();
        var path = Path.Combine(Root, id.ToString("N")[..2], id.ToString("N"));
        XunchaSettings.PrivateDirectory(Path.GetDirectoryName(path)!);
        var plain = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        await File.WriteAllBytesAsync(path, Seal(record, id, plain.Span), ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        File.SetLastWriteTimeUtc(path, today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)); // the file system dates nothing finer than the day
        var meta = record.SealJson("file/" + id.ToString("N"), new SealedFileMeta(name, type, Convert.ToHexStringLower(SHA256.HashData(plain.Span))));
        var row = SealedFile.Of(id, recordType, record.RecordId, meta, buffer.Length, today);
        db.SealedFiles.Add(row);
        return (row, path);
    }

    public async Task<IReadOnlyList<SealedFileView>> ListAsync(RecordLock record, string recordType, CancellationToken ct)
    {
        var rows = await db.SealedFiles.AsNoTracking().Where(f => f.RecordType == recordType && f.RecordId == record.RecordId).ToListAsync(ct);
        return rows.Select(r => (Row: r, Meta: record.OpenJson<SealedFileMeta>("file/" + r.Id.ToString("N"), r.Meta)))
            .OrderBy(x => x.Row.AddedOn).ThenBy(x => x.Meta.Name, StringComparer.Ordinal)
            .Select(x => new SealedFileView(x.Row.Id, x.Meta.Name, x.Meta.ContentType, x.Row.Length, x.Row.AddedOn)).ToList();
    }

    /// <summary>Opens a file of the record (the caller has checked the record is visible).</summary>
    public async Task<(SealedFileView File, byte[] Content)> ReadAsync(RecordLock record, string recordType, Guid fileId, CancellationToken ct)
    {
        var row = await db.SealedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.RecordType == recordType && f.RecordId == record.RecordId, ct)
                  ?? throw new NotFoundException();
        var meta = record.OpenJson<SealedFileMeta>("file/" + row.Id.ToString("N"), row.Meta);
        var path = Path.Combine(Root, row.Id.ToString("N")[..2], row.Id.ToString("N"));
        if (!File.Exists(path)) throw new NotFoundException(Messages.File_Missing);
        var content = Open(record, row.Id, await File.ReadAllBytesAsync(path, ct));
        if (content.Length != row.Length || Convert.ToHexStringLower(SHA256.HashData(content)) != meta.Sha256)
            throw new TamperedException("文件长度或摘要不符。");
        return (new SealedFileView(row.Id, meta.Name, meta.ContentType, row.Length, row.AddedOn), content);
    }

    /// <summary>Removes the record's files from disk and their rows (with the caller's save).</summary>
    public async Task DeleteAllAsync(string recordType, Guid recordId, CancellationToken ct)
    {
        var rows = await db.SealedFiles.Where(f => f.RecordType == recordType && f.RecordId == recordId).ToListAsync(ct);
        foreach (var r in rows) File.Delete(Path.Combine(Root, r.Id.ToString("N")[..2], r.Id.ToString("N")));
        db.SealedFiles.RemoveRange(rows);
    }

    internal static byte[] Seal(RecordLock record, Guid fileId, ReadOnlySpan<byte> plain)
    {
        var prefix = RandomNumberGenerator.GetBytes(8);
        using var output = new MemoryStream(plain.Length + plain.Length / Segment * 16 + 64);
        output.Write(Magic);
        output.Write(prefix);
        var count = Math.Max(1, (plain.Length + Segment - 1) / Segment);
        for (var i = 0; i < count; i++)
        {
            var part = plain.Slice(i * Segment, Math.Min(Segment, plain.Length - i * Segment));
            output.Write(record.Cipher.Seal(record.Key, Nonce(prefix, i), part, SegmentContext(record, fileId, i, i == count - 1)));
        }
        return output.ToArray();
    }

    internal static byte[] Open(RecordLock record, Guid fileId, byte[] stored)
    {
        if (stored.Length < Magic.Length + 8 + Ciphers.TagSize || !stored.AsSpan(0, 4).SequenceEqual(Magic))
            throw new TamperedException("文件格式不符。");
        var prefix = stored.AsSpan(4, 8).ToArray();
        var body = stored.AsSpan(12);
        const int sealedSegment = Segment + Ciphers.TagSize;
        var count = Math.Max(1, (body.Length + sealedSegment - 1) / sealedSegment);
        using var output = new MemoryStream(body.Length);
        for (var i = 0; i < count; i++)
        {
            var part = body.Slice(i * sealedSegment, Math.Min(sealedSegment, body.Length - i * sealedSegment));
            output.Write(record.Cipher.Open(record.Key, Nonce(prefix, i), part, SegmentContext(record, fileId, i, i == count - 1)));
        }
        return output.ToArray();
    }

    private static byte[] Nonce(byte[] prefix, int index)
    {
        var nonce = new byte[Ciphers.NonceSize];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteInt32BigEndian(nonce.AsSpan(8), index);
        return nonce;
    }

    private static byte[] SegmentContext(RecordLock record, Guid fileId, int index, bool last) =>
        [.. record.Context("file/" + fileId.ToString("N")), .. Encoding.ASCII.GetBytes($"/{index}/{(last ? 1 : 0)}")];
}
