using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;

namespace Xuncha.Audit;

public enum AuditBreak
{
    Edited,
    Inserted,
    Missing,
    EditedOrForged,
}

public sealed record AuditVerification(long Checked, long? FirstBadSeq, AuditBreak? Kind, string Message)
{
    public bool Intact => FirstBadSeq is null;
}

/// <summary>
/// Walks the trail in sequence and names the first row that was edited, inserted or removed. A row whose
/// HMAC no longer fits its content was edited if the next row still points at its stored hash, inserted if
/// the next row points past it; a gap in the sequence, or a valid row pointing at another predecessor,
/// means rows were removed.
/// </summary>
public sealed class AuditVerifier(XunchaDbContext db, AuditChain chain)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ReadAudit);
        var result = await WalkAsync(ct);
        await db.RecordNowAsync(AuditAction.Verify, "audit_events", null, result.Intact ? AuditOutcome.Success : AuditOutcome.Failure,
            new { result.Checked, result.FirstBadSeq, kind = result.Kind?.ToString() }, ct: ct);
        return result;
    }

    private async Task<AuditVerification> WalkAsync(CancellationToken ct)
    {
        long prevSeq = 0, checkedRows = 0;
        var prevHash = AuditChain.Genesis;
        await using var rows = db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var cur = await rows.MoveNextAsync() ? rows.Current : null;
        while (cur is not null)
        {
            var next = await rows.MoveNextAsync() ? rows.Current : null;
            if (cur.Seq != prevSeq + 1)
                return Broken(checkedRows, prevSeq + 1, AuditBreak.Missing,
                    cur.Seq - 1 == prevSeq + 1 ? string.Format(Messages.Audit_Missing, prevSeq + 1)
                                              : string.Format(Messages.Audit_MissingRange, prevSeq + 1, cur.Seq - 1));
            if (chain.Compute(cur) != cur.Hash.Trim())
            {
                if (next is not null && next.PrevHash == cur.Hash) return Broken(checkedRows, cur.Seq, AuditBreak.Edited, string.Format(Messages.Audit_Edited, cur.Seq));
                if (next is not null && next.PrevHash == prevHash) return Broken(checkedRows, cur.Seq, AuditBreak.Inserted, string.Format(Messages.Audit_Inserted, cur.Seq));
                if (cur.PrevHash != prevHash) return Broken(checkedRows, cur.Seq, AuditBreak.Inserted, string.Format(Messages.Audit_Inserted, cur.Seq));
                return Broken(checkedRows, cur.Seq, AuditBreak.EditedOrForged, string.Format(Messages.Audit_EditedOrForged, cur.Seq));
            }
            if (cur.PrevHash != prevHash)
                return Broken(checkedRows, cur.Seq, AuditBreak.Missing, string.Format(Messages.Audit_MissingBefore, cur.Seq));
            checkedRows++;
            prevSeq = cur.Seq;
            prevHash = cur.Hash;
            cur = next;
        }
        return new AuditVerification(checkedRows, null, null, string.Format(Messages.Audit_Intact, checkedRows));
    }

    private static AuditVerification Broken(long checkedRows, long seq, AuditBreak kind, string message) =>
        new(checkedRows, seq, kind, message);
}
