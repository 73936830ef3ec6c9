using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Confidential.Crypto;

/// <summary>The operator's key work (console only): check that every confidential record still opens; re-wrap every record key under a new master key.</summary>
public sealed class KeyMaintenance(XunchaDbContext db, Vault vault, SealedFiles sealedFiles, MasterKey master, XunchaSettings settings)
{
    /// <summary>Opens every letter, message, clue and sealed file; returns how many were checked and which failed (by type and id, never by content).</summary>
    public async Task<(int Checked, List<string> Failures)> VerifyAsync(CancellationToken ct = default)
    {
        if (!db.Actor.IsSystem) throw new ForbiddenException();
        var failures = new List<string>();
        var count = 0;
        async Task CheckAsync(string type, Guid id, Func<RecordLock, Task> open)
        {
            count++;
            try
            {
                await open(await vault.OpenAsync(type, id, ct));
            }
            catch (Exception e) when (e is TamperedException or NotFoundException)
            {
                failures.Add($"{type} {id}: {(e is TamperedException t ? t.Detail : e.Message)}");
            }
        }
        foreach (var l in await db.Letters.AsNoTracking().Select(l => new { l.Id, l.Content, l.Handling }).ToListAsync(ct))
            await CheckAsync(Letter.RecordType, l.Id, async key =>
            {
                key.Open("content", l.Content);
                if (l.Handling is not null) key.Open("handling", l.Handling);
                foreach (var m in await db.LetterMessages.AsNoTracking().Where(m => m.LetterId == l.Id).ToListAsync(ct)) key.Open("message/" + m.Id.ToString("N"), m.Body);
                await FilesAsync(key, Letter.RecordType, ct);
            });
        foreach (var c in await db.Clues.AsNoTracking().Select(c => new { c.Id, c.Content, c.Outcome }).ToListAsync(ct))
            await CheckAsync(Clue.RecordType, c.Id, async key =>
            {
                key.Open("content", c.Content);
                if (c.Outcome is not null) key.Open("outcome", c.Outcome);
                await FilesAsync(key, Clue.RecordType, ct);
            });
        return (count, failures);
    }

    /// <summary>Re-wraps every record key under the master key in <paramref name="newKeyFile"/> (created when missing), in one transaction.</summary>
    public async Task<int> RotateAsync(string newKeyFile, CancellationToken ct = default)
    {
        if (!db.Actor.IsSystem) throw new ForbiddenException();
        var next = MasterKey.LoadOrCreate(newKeyFile, settings.Cipher);
        if (next.Id == master.Id) throw new DomainException("新主密钥与当前主密钥相同。");
        return await db.InTransactionAsync(async () =>
        {
            var rows = await db.RecordKeys.ToListAsync(ct);
            foreach (var row in rows) row.Rewrap(next.Id, Vault.Rewrap(master, next, row));
            db.Record(Audit.AuditAction.Update, "record_keys", null, detail: new { rotated = rows.Count, from = master.Id, to = next.Id });
            await db.SaveChangesAsync(ct);
            return rows.Count;
        }, ct);
    }

    private async Task FilesAsync(RecordLock key, string type, CancellationToken ct)
    {
        var files = await db.SealedFiles.AsNoTracking().Where(f => f.RecordType == type && f.RecordId == key.RecordId).Select(f => f.Id).ToListAsync(ct);
        foreach (var f in files) await sealedFiles.ReadAsync(key, type, f, ct);
    }
}
