using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.Files;

/// <summary>An uploaded file on its way in: its name as sent, a way to read it, its length.</summary>
public sealed record Upload(string FileName, long Length, Func<Stream> Open);

public sealed record FileView(Guid Id, string FileName, string ContentType, long Length, string Sha256, DateTimeOffset UploadedAt);

/// <summary>
/// Evidence files: checked against the allow-list by content, at most 50 MB, stored outside the web root under
/// generated names with their SHA-256; read back only by those who may see what they are attached to.
/// </summary>
public sealed class FileStore(XunchaSettings settings, XunchaDbContext db, TimeProvider clock)
{
    public const long MaxBytes = 50L * 1024 * 1024;

    private string Root => Path.Combine(settings.DataDirectory, "files");

    /// <summary>Checks and stores the file and adds its row (saved with the caller's change). Undo with <see cref="Discard"/>.</summary>
    public async Task<StoredFile> AddAsync(FileOwner owner, Guid ownerId, Upload upload, CancellationToken ct)
    {
        var name = CleanName(upload.FileName);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (!FileKinds.Extensions.Contains(ext))
            throw new ValidationException("files", string.Format(Messages.File_TypeNotAllowed, name, "pdf、docx、xlsx、doc、xls、jpg、png、ofd、zip"));
        if (upload.Length > MaxBytes) throw new ValidationException("files", string.Format(Messages.File_TooLarge, name, MaxBytes / 1024 / 1024));

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var storage = Path.Combine(id.ToString("N")[..2], id.ToString("N"));
        var path = Path.Combine(Root, storage);
        XunchaSettings.PrivateDirectory(Path.GetDirectoryName(path)!);
        string sha;
        long length;
        string? type;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var source = upload.Open();
            var buffer = new byte[81920];
            length = 0;
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                length += n;
                if (length > MaxBytes)
                {
                    target.Close();
                    File.Delete(path);
                    throw new ValidationException("files", string.Format(Messages.File_TooLarge, name, MaxBytes / 1024 / 1024));
                }
                hash.AppendData(buffer, 0, n);
                await target.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            type = length == 0 ? null : FileKinds.Identify(ext, target);
        }
        if (type is null)
        {
            File.Delete(path);
            throw new ValidationException("files", string.Format(Messages.File_ContentMismatch, name));
        }
        var file = StoredFile.Of(id, owner, ownerId, name, type, length, sha, storage, db.Actor.UserId ?? Guid.Empty, clock.GetUtcNow());
        db.Files.Add(file);
        return file;
    }

    /// <summary>Removes files written for a change that did not commit.</summary>
    public void Discard(IEnumerable<StoredFile> files)
    {
        foreach (var f in files)
        {
            db.Entry(f).State = EntityState.Detached;
            File.Delete(Path.Combine(Root, f.StorageName));
        }
    }

    /// <summary>Adds every upload, or none: a bad one removes those already written.</summary>
    public async Task<List<StoredFile>> AddAllAsync(FileOwner owner, Guid ownerId, IReadOnlyList<Upload> uploads, CancellationToken ct)
    {
        var added = new List<StoredFile>();
        try
        {
            foreach (var u in uploads) added.Add(await AddAsync(owner, ownerId, u, ct));
            return added;
        }
        catch
        {
            Discard(added);
            throw;
        }
    }

    public async Task<IReadOnlyList<FileView>> ListAsync(FileOwner owner, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct) =>
        await db.Files.AsNoTracking().Where(f => f.OwnerType == owner && ownerIds.Contains(f.OwnerId)).OrderBy(f => f.UploadedAt)
            .Select(f => new FileView(f.Id, f.FileName, f.ContentType, f.Length, f.Sha256, f.UploadedAt)).ToListAsync(ct);

    /// <summary>Opens a file for download if the actor may see what it belongs to; otherwise 404.</summary>
    public async Task<(StoredFile File, Stream Content)> OpenAsync(Guid id, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException();
        var visible = file.OwnerType switch
        {
            // a problem's fieldwork evidence is for the inspectors, the office and the oversight roles, not the unit
            FileOwner.Problem => await db.Problems.VisibleTo(db, asUnit: false).AnyAsync(p => p.Id == file.OwnerId, ct),
            FileOwner.Progress => await (from p in db.ProgressReports join t in db.Tasks.VisibleTo(db) on p.TaskId equals t.Id
                                         where p.Id == file.OwnerId select p.Id).AnyAsync(ct),
        };
        if (!visible) throw new NotFoundException();
        var path = Path.Combine(Root, file.StorageName);
        if (!File.Exists(path)) throw new NotFoundException(Messages.File_Missing);
        return (file, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous));
    }

    internal static string CleanName(string name)
    {
        var clean = new string(Path.GetFileName(name.Replace('\\', '/')).Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (clean.Length == 0) clean = "file";
        return clean.Length > StoredFile.NameMax ? clean[^StoredFile.NameMax..] : clean;
    }
}
