using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Deadlines;
using Xuncha.Documents;
using Xuncha.Notifications;

namespace Xuncha.Confidential;

/// <summary>
/// Clues leave the office in batches (移交〔年〕n号) with a transfer list; the receiver signs for each batch and the
/// reply on the disposition is due months later (the committee's policy).
/// </summary>
public sealed class ClueTransferService(
    XunchaDbContext db, ClueService clues, DeadlineService deadlines, DocumentService documents, NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    /// <summary>The office hands registered clues of one round to a receiver in one batch (移交〔年〕n号).</summary>
    public async Task<Guid> TransferAsync(ClueTransferInput input, CancellationToken ct = default)
    {
        Actor.Demand(Permission.TransferClues);
        var v = new Validator();
        var note = v.Text("note", input.Note, ClueTransfer.NoteMax, required: false);
        var ids = input.ClueIds.Distinct().ToList();
        if (ids.Count == 0) v.Add("clueIds", Messages.Transfer_NoClues);
        var on = input.On ?? clock.Today();
        if (on > clock.Today()) v.Add("on", Messages.Letter_FutureDate);
        v.ThrowIfInvalid();
        return await db.InTransactionAsync(async () =>
        {
            var batch = await db.Clues.VisibleTo(db).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
            if (batch.Count != ids.Count) throw new NotFoundException();
            if (batch.Select(c => c.RoundId).Distinct().Count() > 1) throw new ValidationException("clueIds", Messages.Transfer_OneRound);
            var round = await db.Rounds.Where(r => r.Id == batch[0].RoundId).Select(r => new { r.Year, r.Ordinal }).SingleAsync(ct);
            var notRegistered = batch.Where(c => c.Status != ClueStatus.Registered).Select(c => Clue.FormatNumber(round.Year, round.Ordinal, c.Sequence)).ToList();
            if (notRegistered.Count > 0) throw new ValidationException("clueIds", string.Format(Messages.Transfer_AlreadyTransferred, string.Join("、", notRegistered)));
            await db.LockAsync("clue-transfers:" + on.Year, ct);
            var seq = (await db.ClueTransfers.Where(t => t.Year == on.Year).MaxAsync(t => (int?)t.Sequence, ct) ?? 0) + 1;
            var transfer = ClueTransfer.Create(Guid.CreateVersion7(clock.GetUtcNow()), on.Year, seq, input.Receiver, on, Actor.UserId ?? Guid.Empty, note);
            db.ClueTransfers.Add(transfer);
            foreach (var c in batch) c.Transfer(transfer.Id, input.Receiver);
            if (input.Receiver == ClueReceiver.Discipline)
                foreach (var u in await UsersInRolesAsync([Role.Discipline, Role.DisciplineSecretary], ct))
                    notifications.Notify(u, NotificationKind.Waiting, string.Format(Messages.Notice_CluesTransferred, transfer.Number, batch.Count), $"/clues/transfers/{transfer.Id}");
            await db.SaveChangesAsync(ct);
            return transfer.Id;
        }, ct);
    }

    public Task<IReadOnlyList<TransferRow>> TransfersAsync(CancellationToken ct = default) => RowsAsync(null, ct);

    public async Task<TransferRow> TransferAsync(Guid id, CancellationToken ct = default) =>
        (await RowsAsync(id, ct)).SingleOrDefault() ?? throw new NotFoundException();

    private async Task<IReadOnlyList<TransferRow>> RowsAsync(Guid? id, CancellationToken ct)
    {
        clues.Demand();
        var rows = await (from t in db.ClueTransfers.VisibleTo(db).AsNoTracking()
                          where id == null || t.Id == id
                          join u in db.Users on t.TransferredBy equals u.Id
                          join a in db.Users on t.AcknowledgedBy equals a.Id into acks
                          from a in acks.DefaultIfEmpty()
                          orderby t.Year descending, t.Sequence descending
                          select new
                          {
                              t, By = u.DisplayName, AckBy = a == null ? null : a.DisplayName,
                              Count = db.Clues.Count(c => c.TransferId == t.Id),
                              Round = db.Clues.Where(c => c.TransferId == t.Id).Join(db.Rounds, c => c.RoundId, r => r.Id, (c, r) => r.Name).FirstOrDefault(),
                          }).ToListAsync(ct);
        return rows.Select(x => new TransferRow(x.t.Id, x.t.Number, x.t.Receiver, x.t.TransferredOn, x.By, x.Count, x.t.AcknowledgedOn, x.AckBy,
            x.t.Note, x.Round ?? "", x.t.AcknowledgedOn is null && ClueService.IsReceiver(Actor, x.t.Receiver), x.t.Version)).ToList();
    }

    /// <summary>The transfer list (问题线索移交清单) as .docx. Sealed clues show as sealed unless the reader may open them.</summary>
    public async Task<string> TransferListAsync(Guid id, Stream output, CancellationToken ct = default)
    {
        var transfer = await TransferAsync(id, ct);
        var clueRows = await db.Clues.VisibleTo(db).AsNoTracking().Where(c => c.TransferId == id).OrderBy(c => c.Sequence).ToListAsync(ct);
        var rows = await clues.RowsAsync(clueRows, ct);
        var list = rows.Select(x => new ClueTransferRow(x.Row.Number,
            x.Content is null ? Messages.Clue_SealedSubject : $"{x.Content.SubjectName}（{x.Row.OrganizationName}{x.Content.SubjectPost}）",
            x.Content is null ? Messages.Clue_SealedSummary : x.Content.Summary, x.Row.GroupName ?? Messages.Role_Office, transfer.TransferredOn)).ToList();
        return await documents.WriteClueTransferAsync(id, clueRows[0].RoundId, transfer.Receiver.Label(), list, output, ct);
    }

    /// <summary>The receiver signs for a batch: 纪委 for its own; the office records it for 组织部. The reply is due months later (policy).</summary>
    public async Task AcknowledgeAsync(Guid transferId, DateOnly? on, uint? version, CancellationToken ct = default)
    {
        await db.InTransactionAsync(async () =>
        {
            var transfer = await db.ForUpdateAsync(db.ClueTransfers.VisibleTo(db), t => t.Id == transferId, version, ct);
            if (!ClueService.IsReceiver(Actor, transfer.Receiver)) throw new ForbiddenException(Messages.Transfer_NotReceiver);
            var day = on ?? clock.Today();
            if (day > clock.Today()) throw new ValidationException("on", Messages.Letter_FutureDate);
            transfer.Acknowledge(day, Actor.UserId ?? Guid.Empty);
            var batch = await db.Clues.Where(c => c.TransferId == transferId).ToListAsync(ct);
            var committee = await db.Rounds.Where(r => r.Id == batch[0].RoundId).Select(r => r.CommitteeId).SingleAsync(ct);
            var months = (await deadlines.PolicyAsync(committee, ct)).ClueReplyMonths;
            foreach (var c in batch) c.Acknowledge(day, months);
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    private async Task<List<Guid>> UsersInRolesAsync(Role[] roles, CancellationToken ct)
    {
        var names = roles.Select(r => r.Key().ToUpperInvariant()).ToList();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                      where names.Contains(r.NormalizedName!) select ur.UserId).Distinct().ToListAsync(ct);
    }
}
