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

    /// <summary>Rows cut from the end: the head reaches further than the rows do.</summary>
    Truncated,

    /// <summary>The head record is gone, or its seal does not fit.</summary>
    HeadTampered,

    /// <summary>The trail is shorter than, or differs from, a checkpoint taken earlier (restored from an old copy, say).</summary>
    RolledBack,
}

public sealed record AuditVerification(long Checked, long? FirstBadSeq, AuditBreak? Kind, string Message)
{
    public bool Intact => FirstBadSeq is null;
}

/// <summary>
/// Walks the trail in sequence and names the first row that was edited, inserted or removed. A row whose
/// HMAC no longer fits its content was edited if the next row still points at its stored hash, inserted if
/// the next row points past it; a gap in the sequence, or a valid row pointing at another predecessor,
/// means rows were removed. The end of the trail must meet its sealed head (rows cut from the end), and,
/// given a checkpoint, reach at least as far with the same row there (a trail rolled back with its head).
/// </summary>
public sealed class AuditVerifier(XunchaDbContext db, AuditChain chain, TimeProvider clock)
{
    public async Task<AuditVerification> VerifyAsync(AuditCheckpoint? checkpoint = null, CancellationToken ct = default)
    {
        db.Actor.Demand(Permission.ReadAudit);
        // the head is read first: rows appended while walking come after it and are checked next time
        var (head, maxSeq) = await chain.SnapshotAsync(db, ct);
        var result = await WalkAsync(head?.Seq, checkpoint?.Seq, ct);
        if (result.Walk.Intact) result = result with { Walk = Ends(result, head, maxSeq, checkpoint) };
        var v = result.Walk;
        try
        {
            await db.RecordNowAsync(AuditAction.Verify, "audit_events", null, v.Intact ? AuditOutcome.Success : AuditOutcome.Failure,
                new { v.Checked, v.FirstBadSeq, kind = v.Kind?.ToString(), checkpoint = checkpoint?.Seq }, ct: ct);
        }
        catch (AuditUnavailableException) when (!v.Intact)
        {
            // the finding matters more than its own audit row, which a broken trail cannot take
        }
        return v;
    }

    private sealed record Walked(AuditVerification Walk, long LastSeq, string LastHash, string? HashAtCheckpoint);

    /// <summary>Where the rows end, against the head and the checkpoint.</summary>
    private AuditVerification Ends(Walked w, AuditHead? head, long maxSeq, AuditCheckpoint? checkpoint)
    {
        var n = w.Walk.Checked;
        if (head is null) return Broken(n, w.LastSeq + 1, AuditBreak.HeadTampered, Messages.Audit_HeadMissing);
        if (maxSeq > head.Seq)
            return Broken(n, head.Seq + 1, AuditBreak.Inserted, maxSeq == head.Seq + 1
                ? string.Format(Messages.Audit_BeyondHeadOne, maxSeq)
                : string.Format(Messages.Audit_BeyondHead, head.Seq + 1, maxSeq));
        var headHash = head.Hash.Trim();
        if (head.Mac is null ? head.Seq != w.LastSeq || headHash != w.LastHash : chain.Seal(AuditHead.Canonical(head.Seq, headHash)) != head.Mac.Trim())
            return Broken(n, head.Seq, AuditBreak.HeadTampered, Messages.Audit_HeadForged);
        if (head.Seq > w.LastSeq)
            return Broken(n, w.LastSeq + 1, AuditBreak.Truncated, head.Seq == w.LastSeq + 1
                ? string.Format(Messages.Audit_Truncated, w.LastSeq + 1)
                : string.Format(Messages.Audit_TruncatedRange, w.LastSeq + 1, head.Seq));
        if (head.Seq == w.LastSeq && headHash != w.LastHash)
            return Broken(n, head.Seq, AuditBreak.EditedOrForged, string.Format(Messages.Audit_EditedOrForged, head.Seq));
        if (checkpoint is not null)
        {
            var at = checkpoint.At.InOffice(clock).ToString("yyyy-MM-dd HH:mm");
            if (checkpoint.Seq > w.LastSeq)
                return Broken(n, w.LastSeq + 1, AuditBreak.RolledBack, string.Format(Messages.Audit_RolledBack, at, checkpoint.Seq, w.LastSeq + 1));
            if (checkpoint.Seq > 0 && w.HashAtCheckpoint != checkpoint.Hash.Trim())
                return Broken(n, checkpoint.Seq, AuditBreak.RolledBack, string.Format(Messages.Audit_CheckpointDiffers, checkpoint.Seq, at));
            return w.Walk with { Message = w.Walk.Message + string.Format(Messages.Audit_CheckpointHolds, at, checkpoint.Seq) };
        }
        return w.Walk;
    }

    private async Task<Walked> WalkAsync(long? headSeq, long? checkpointSeq, CancellationToken ct)
    {
        string? atCheckpoint = null;
        long prevSeq = 0, checkedRows = 0;
        var prevHash = AuditChain.Genesis;
        // rows beyond the head read at the start were appended meanwhile; they belong to the next verification
        var q = db.AuditEvents.AsNoTracking();
        if (headSeq is { } last) q = q.Where(e => e.Seq <= last);
        await using var rows = q.OrderBy(e => e.Seq).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var cur = await rows.MoveNextAsync() ? rows.Current : null;
        while (cur is not null)
        {
            var next = await rows.MoveNextAsync() ? rows.Current : null;
            if (cur.Seq != prevSeq + 1)
                return Stop(checkedRows, prevSeq + 1, AuditBreak.Missing,
                    cur.Seq - 1 == prevSeq + 1 ? string.Format(Messages.Audit_Missing, prevSeq + 1)
                                              : string.Format(Messages.Audit_MissingRange, prevSeq + 1, cur.Seq - 1));
            if (chain.Compute(cur) != cur.Hash.Trim())
            {
                if (next is not null && next.PrevHash == cur.Hash) return Stop(checkedRows, cur.Seq, AuditBreak.Edited, string.Format(Messages.Audit_Edited, cur.Seq));
                if (next is not null && next.PrevHash == prevHash) return Stop(checkedRows, cur.Seq, AuditBreak.Inserted, string.Format(Messages.Audit_Inserted, cur.Seq));
                if (cur.PrevHash != prevHash) return Stop(checkedRows, cur.Seq, AuditBreak.Inserted, string.Format(Messages.Audit_Inserted, cur.Seq));
                return Stop(checkedRows, cur.Seq, AuditBreak.EditedOrForged, string.Format(Messages.Audit_EditedOrForged, cur.Seq));
            }
            if (cur.PrevHash != prevHash)
                return Stop(checkedRows, cur.Seq, AuditBreak.Missing, string.Format(Messages.Audit_MissingBefore, cur.Seq));
            checkedRows++;
            prevSeq = cur.Seq;
            prevHash = cur.Hash.Trim();
            if (cur.Seq == checkpointSeq) atCheckpoint = prevHash;
            cur = next;
        }
        return new Walked(new AuditVerification(checkedRows, null, null, string.Format(Messages.Audit_Intact, checkedRows)), prevSeq, prevHash, atCheckpoint);

        Walked Stop(long n, long seq, AuditBreak kind, string message) => new(Broken(n, seq, kind, message), prevSeq, prevHash, atCheckpoint);
    }

    private static AuditVerification Broken(long checkedRows, long seq, AuditBreak kind, string message) =>
        new(checkedRows, seq, kind, message);
}
