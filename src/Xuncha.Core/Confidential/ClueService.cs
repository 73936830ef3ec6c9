using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Confidential.Crypto;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Rounds;

namespace Xuncha.Confidential;

/// <summary>
/// The clue register: registration by the group (or the office), sealing of clues about a unit's top leader,
/// the receiver's disposition and the statistics (transfer and receipt: <see cref="ClueTransferService"/>). What a clue says is sealed per record; every opening is audited, including refused ones.
/// </summary>
public sealed class ClueService(XunchaDbContext db, Vault vault, SealedFiles files, TimeProvider clock)
{
    /// <summary>Days before the reply is due when a clue shows as due soon.</summary>
    public const int DueSoonDays = 15;

    private Actor Actor => db.Actor;

    private bool CanOpenSealed => Actor.Can(Permission.OpenSealedClues);

    public async Task<Guid> RegisterAsync(ClueInput input, IReadOnlyList<Upload>? uploads = null, CancellationToken ct = default)
    {
        Actor.Demand(Permission.RegisterClues);
        var round = input.RoundId is { } rid ? await db.Rounds.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(r => r.Id == rid, ct) : null;
        if (round is null) throw new ValidationException("roundId", Messages.Clue_RoundRequired);
        if (round.Status < RoundStatus.InField) throw new DomainException(Messages.Clue_BeforeFieldwork);
        var isOffice = Actor.Has(Role.Office) || Actor.IsSystem;
        var groupId = input.GroupId;
        if (groupId is null && !isOffice)
            groupId = await (from m in db.GroupMembers join g in db.Groups on m.GroupId equals g.Id
                             where m.UserId == Actor.UserId && g.RoundId == round.Id select (Guid?)g.Id).FirstOrDefaultAsync(ct);
        if (groupId is { } gid)
        {
            if (!await db.Groups.AnyAsync(g => g.Id == gid && g.RoundId == round.Id, ct)) throw new ValidationException("groupId", Messages.Clue_NoSuchGroup);
            if (!isOffice && !await db.IsInGroupAsync(gid, false, ct)) throw new ForbiddenException(Messages.Problem_OnlyGroup);
        }
        else if (!isOffice) throw new ForbiddenException(Messages.Problem_OnlyGroup);

        var (content, org) = await ValidateAsync(input, round.Id, groupId, ct);
        var sealedClue = input.TopLeader || IsTopLeader(content.SubjectName, org.Secretary);
        return await db.InTransactionAsync(async () =>
        {
            await db.LockAsync("clue-numbers:" + round.Id, ct);
            var seq = (await db.Clues.Where(c => c.RoundId == round.Id).MaxAsync(c => (int?)c.Sequence, ct) ?? 0) + 1;
            var id = Guid.CreateVersion7(clock.GetUtcNow());
            var clue = Clue.Register(id, round.Id, groupId, org.Id, seq, input.Source, input.SourceId, input.Level, sealedClue, Actor.UserId ?? Guid.Empty, clock.Today());
            var key = vault.Create(Clue.RecordType, id);
            clue.Seal(key.SealJson("content", content), Tokens(content));
            db.Clues.Add(clue);
            List<(SealedFile, string)> written = [];
            try
            {
                if (uploads is { Count: > 0 }) written = await files.AddAllAsync(key, Clue.RecordType, uploads, ct);
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                files.Discard(written);
                throw;
            }
            return id;
        }, ct);
    }

    public async Task UpdateAsync(Guid id, ClueInput input, uint? version, CancellationToken ct = default)
    {
        var clue = await ForChangeAsync(id, version, ct);
        var (content, org) = await ValidateAsync(input with { OrganizationId = clue.OrganizationId }, clue.RoundId, clue.GroupId, ct);
        var key = await vault.OpenAsync(Clue.RecordType, id, ct);
        clue.Reclassify(input.Level, input.TopLeader || IsTopLeader(content.SubjectName, org.Secretary));
        clue.Seal(key.SealJson("content", content), Tokens(content));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>While registered: the registrant, the group leader or the office. Destroys the clue's key and files.</summary>
    public async Task DeleteAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        var clue = await ForChangeAsync(id, null, ct);
        var v = new Validator();
        var clean = v.Text("reason", reason, Letter.ReasonMax, required: true);
        v.ThrowIfInvalid();
        await db.InTransactionAsync(async () =>
        {
            foreach (var l in await db.Letters.Where(l => l.ClueId == id).ToListAsync(ct))
                throw new DomainException(Messages.Clue_DeleteFromLetter);
            await files.DeleteAllAsync(Clue.RecordType, id, ct);
            await vault.DestroyAsync(Clue.RecordType, id, ct);
            db.Clues.Remove(clue);
            db.Record(AuditAction.Shred, "clues", id.ToString(), detail: new { reason = clean });
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    public async Task<IReadOnlyList<ClueRow>> ListAsync(ClueFilter f, CancellationToken ct = default)
    {
        Demand();
        var q = db.Clues.VisibleTo(db).AsNoTracking();
        if (f.RoundId is { } r) q = q.Where(c => c.RoundId == r);
        if (f.Status is { } s) q = q.Where(c => c.Status == s);
        if (f.Receiver is { } rc) q = q.Where(c => c.Receiver == rc);
        if (f.TransferId is { } t) q = q.Where(c => c.TransferId == t);
        var today = clock.Today();
        if (f.OverdueOnly) q = q.Where(c => c.Status == ClueStatus.Acknowledged && c.ReplyDue < today);
        var searched = !string.IsNullOrWhiteSpace(f.Search);
        if (searched)
        {
            var tokens = vault.QueryTokens(Clue.RecordType, f.Search!) ?? throw new ValidationException("search", Messages.Search_TooShort);
            foreach (var tk in tokens) q = q.Where(c => c.Tokens.Contains(tk));
            // a sealed clue must not even be found by those who may not open it
            if (!CanOpenSealed) q = q.Where(c => !c.IsSealed);
        }
        var clues = await q.OrderByDescending(c => c.RegisteredOn).ThenByDescending(c => c.Sequence).Take(2000).ToListAsync(ct);
        var rows = await RowsAsync(clues, ct);
        if (searched) rows = rows.Where(x => x.Content is { } c && BlindIndex.Contains(f.Search!, c.SubjectName, c.SubjectPost, c.Summary, c.Evidence)).ToList();
        if (rows.Count > 0) await db.RecordNowAsync(AuditAction.ReadConfidential, "clues", null, detail: new { count = rows.Count, searched }, ct: ct);
        return rows.Select(x => x.Row).ToList();
    }

    public async Task<ClueDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        Demand();
        var clue = await db.Clues.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        var (row, content) = (await RowsAsync([clue], ct))[0];
        string? outcome = null;
        IReadOnlyList<SealedFileView> attached = [];
        if (content is not null)
        {
            var key = await vault.OpenAsync(Clue.RecordType, id, ct);
            outcome = clue.Outcome is null ? null : key.OpenText("outcome", clue.Outcome);
            attached = await files.ListAsync(key, Clue.RecordType, ct);
        }
        await db.RecordNowAsync(AuditAction.ReadConfidential, "clues", id.ToString(), content is null ? AuditOutcome.Denied : AuditOutcome.Success,
            detail: clue.IsSealed ? new { @sealed = true } : null, ct: ct);
        var receiver = IsReceiver(clue.Receiver);
        return new ClueDetail(row, content, outcome, attached, clue.SourceId,
            CanEdit: clue.Status == ClueStatus.Registered && content is not null && await MayChangeAsync(clue, ct),
            CanAcknowledge: false,
            CanDispose: clue.Status == ClueStatus.Acknowledged && receiver && (!clue.IsSealed || CanOpenSealed),
            CanDelete: clue.Status == ClueStatus.Registered && content is not null && await MayChangeAsync(clue, ct));
    }

    public async Task<(SealedFileView File, byte[] Content)> FileAsync(Guid clueId, Guid fileId, CancellationToken ct = default)
    {
        Demand();
        var clue = await db.Clues.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(c => c.Id == clueId, ct) ?? throw new NotFoundException();
        if (clue.IsSealed && !CanOpenSealed)
        {
            await db.RecordNowAsync(AuditAction.ReadConfidential, "clues", clueId.ToString(), AuditOutcome.Denied, new { file = fileId }, ct: ct);
            throw new NotFoundException();
        }
        var key = await vault.OpenAsync(Clue.RecordType, clueId, ct);
        var file = await files.ReadAsync(key, Clue.RecordType, fileId, ct);
        await db.RecordNowAsync(AuditAction.ReadConfidential, "clues", clueId.ToString(), detail: new { file = fileId }, ct: ct);
        return file;
    }

    // ── disposition and statistics ───────────────────────────────────────────────────────────────────

    public async Task DisposeAsync(Guid id, ClueDisposalInput input, uint? version, CancellationToken ct = default)
    {
        Demand();
        var clue = await db.ForUpdateAsync(db.Clues.VisibleTo(db), c => c.Id == id, version, ct);
        if (!IsReceiver(clue.Receiver)) throw new ForbiddenException(Messages.Transfer_NotReceiver);
        if (clue.IsSealed && !CanOpenSealed) throw new ForbiddenException(Messages.Clue_SealedOnly);
        var v = new Validator();
        if (input.Form is not null && input.Disposal is ClueDisposal.Shelved or ClueDisposal.Closed) v.Add("form", Messages.Clue_FormNeedsAction);
        var outcome = v.Text("outcome", input.Outcome, Clue.OutcomeMax, required: input.Form is not null);
        var on = input.On ?? clock.Today();
        if (on > clock.Today()) v.Add("on", Messages.Letter_FutureDate);
        if (clue.AcknowledgedOn is { } ack && on < ack) v.Add("on", Messages.Clue_DisposedBeforeReceipt);
        v.ThrowIfInvalid();
        var key = await vault.OpenAsync(Clue.RecordType, id, ct);
        clue.Dispose(input.Disposal, input.Form, outcome is null ? null : key.SealText("outcome", outcome), on);
        clue.Reindex(Tokens(key.OpenJson<ClueContent>("content", clue.Content), outcome));
        await db.SaveChangesAsync(ct);
    }

    public async Task<ClueStats> StatsAsync(Guid? roundId = null, CancellationToken ct = default)
    {
        Demand();
        var q = db.Clues.VisibleTo(db).AsNoTracking();
        if (roundId is { } r) q = q.Where(c => c.RoundId == r);
        var all = await q.Select(c => new { c.Status, c.Receiver, c.Disposal, c.Form, c.ReplyDue, c.IsSealed }).ToListAsync(ct);
        var today = clock.Today();
        return new ClueStats(
            all.Count,
            all.Count(c => c.Status != ClueStatus.Registered),
            all.Count(c => c.Status is ClueStatus.Acknowledged or ClueStatus.Disposed),
            all.Count(c => c.Status == ClueStatus.Disposed),
            all.Count(c => c.IsSealed),
            all.Count(c => c.Status == ClueStatus.Acknowledged && c.ReplyDue < today),
            all.Count(c => c.Status == ClueStatus.Acknowledged && c.ReplyDue >= today && c.ReplyDue <= today.AddDays(DueSoonDays)),
            all.Where(c => c.Receiver != null).GroupBy(c => c.Receiver!.Value).ToDictionary(g => g.Key, g => g.Count()),
            all.Where(c => c.Disposal != null).GroupBy(c => c.Disposal!.Value).ToDictionary(g => g.Key, g => g.Count()),
            all.Where(c => c.Form != null).GroupBy(c => c.Form!.Value).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>Where the actor may register a clue: the targets of rounds in or after fieldwork (a member: of their groups).</summary>
    public async Task<IReadOnlyList<ClueTargetOption>> TargetOptionsAsync(CancellationToken ct = default)
    {
        Actor.Demand(Permission.RegisterClues);
        var isOffice = Actor.Has(Role.Office) || Actor.IsSystem;
        var mine = db.GroupMembers.Where(m => m.UserId == Actor.UserId).Select(m => m.GroupId);
        return await (from t in db.RoundTargets join r in db.Rounds on t.RoundId equals r.Id join o in db.Organizations on t.OrganizationId equals o.Id
                      where r.Status >= RoundStatus.InField && r.Status < RoundStatus.Completed && (isOffice || (t.GroupId != null && mine.Contains(t.GroupId.Value)))
                      orderby r.Year descending, r.Ordinal descending, o.SortOrder
                      select new ClueTargetOption(r.Id, r.Name, o.Id, o.Name)).ToListAsync(ct);
    }

    // ── helpers ────────────────────────────────────────────────────────────────────────────────────────

    internal void Demand()
    {
        if (!Actor.Can(Permission.ViewClues) && !Actor.Can(Permission.RegisterClues)) throw new ForbiddenException();
    }

    private bool IsReceiver(ClueReceiver? receiver) => IsReceiver(Actor, receiver);

    /// <summary>Who answers for a receiver: the 纪委 (and its secretary) for its own; the office records 组织部's.</summary>
    internal static bool IsReceiver(Actor actor, ClueReceiver? receiver) => receiver switch
    {
        ClueReceiver.Discipline => actor.Can(Permission.ReceiveClues) && (actor.Has(Role.Discipline) || actor.Has(Role.DisciplineSecretary)),
        ClueReceiver.Organization => actor.Can(Permission.TransferClues),
        _ => false,
    };

    private async Task<Clue> ForChangeAsync(Guid id, uint? version, CancellationToken ct)
    {
        Actor.Demand(Permission.RegisterClues);
        var clue = await db.ForUpdateAsync(db.Clues.VisibleTo(db), c => c.Id == id, version, ct);
        if (!await MayChangeAsync(clue, ct)) throw new ForbiddenException(Messages.Clue_OnlyRegistrant);
        if (clue.IsSealed && !CanOpenSealed) throw new ForbiddenException(Messages.Clue_SealedOnly);
        if (clue.Status != ClueStatus.Registered)
            throw new DomainException(string.Format(Messages.Transition_Illegal, clue.Status.Label(), Messages.Action_Edit));
        return clue;
    }

    private async Task<bool> MayChangeAsync(Clue clue, CancellationToken ct) =>
        Actor.Can(Permission.RegisterClues) && (clue.IsSealed ? CanOpenSealed : true)
        && (Actor.Has(Role.Office) || Actor.IsSystem || clue.RegisteredBy == Actor.UserId
            || (clue.GroupId is { } g && await db.IsInGroupAsync(g, true, ct)));

    private async Task<(ClueContent, Organizations.Organization)> ValidateAsync(ClueInput input, Guid roundId, Guid? groupId, CancellationToken ct)
    {
        var v = new Validator();
        var name = v.Line("subjectName", input.SubjectName, Clue.NameMax, required: true);
        var post = v.Text("subjectPost", input.SubjectPost, Clue.PostMax, required: false);
        var summary = v.Text("summary", input.Summary, Clue.SummaryMax, required: true);
        var evidence = v.Text("evidence", input.Evidence, Clue.SummaryMax, required: false);
        if (!Enum.IsDefined(input.Level)) v.Add("level", Messages.Error_Invalid);
        if (!Enum.IsDefined(input.Source)) v.Add("source", Messages.Error_Invalid);
        Organizations.Organization? org = null;
        if (input.OrganizationId is { } oid)
        {
            org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == oid, ct);
            // the subject's organisation is one inspected in the round (by this group), or inside one
            var targets = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                                 where t.RoundId == roundId && (groupId == null || t.GroupId == groupId) select o.Path).ToListAsync(ct);
            if (org is null || !targets.Any(p => org.Path.StartsWith(p, StringComparison.Ordinal))) org = null;
        }
        if (org is null) v.Add("organizationId", Messages.Clue_NoSuchOrganization);
        v.ThrowIfInvalid();
        return (new ClueContent(name!, post, summary!, evidence), org!);
    }

    /// <summary>The subject is the organisation's secretary as recorded in the tree (besides the registrant's own judgement).</summary>
    private static bool IsTopLeader(string subject, string? secretary) =>
        !string.IsNullOrWhiteSpace(secretary) && string.Equals(subject.Trim(), secretary.Trim(), StringComparison.Ordinal);

    private int[] Tokens(ClueContent c, string? outcome = null) =>
        vault.Tokens(Clue.RecordType, c.SubjectName, c.SubjectPost, c.Summary, c.Evidence, outcome);

    /// <summary>Rows as the actor sees them, with the content of those the actor may open (null for sealed ones they may not).</summary>
    internal async Task<List<(ClueRow Row, ClueContent? Content)>> RowsAsync(IReadOnlyList<Clue> clues, CancellationToken ct)
    {
        var roundIds = clues.Select(c => c.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => (r.Name, r.Year, r.Ordinal), ct);
        var groupIds = clues.Where(c => c.GroupId != null).Select(c => c.GroupId!.Value).Distinct().ToList();
        var groups = await db.Groups.Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var orgIds = clues.Select(c => c.OrganizationId).Distinct().ToList();
        var orgs = await db.Organizations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var transferIds = clues.Where(c => c.TransferId != null).Select(c => c.TransferId!.Value).Distinct().ToList();
        var transfers = await db.ClueTransfers.Where(t => transferIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        var openable = clues.Where(c => !c.IsSealed || CanOpenSealed).Select(c => c.Id).ToList();
        var keys = await vault.OpenManyAsync(Clue.RecordType, openable, ct);
        var today = clock.Today();
        return clues.Select(c =>
        {
            var content = keys.TryGetValue(c.Id, out var key) ? key?.TryOpenJson<ClueContent>("content", c.Content) : null;
            var gist = content is null ? null : content.Summary.ReplaceLineEndings(" ") is var s && s.Length > 60 ? s[..60] + "…" : s;
            var row = new ClueRow(c.Id, Clue.FormatNumber(rounds[c.RoundId].Year, rounds[c.RoundId].Ordinal, c.Sequence), c.RoundId, rounds[c.RoundId].Name,
                c.GroupId is { } g ? groups.GetValueOrDefault(g) : null, c.OrganizationId, orgs[c.OrganizationId], c.Source, c.Level, c.IsSealed,
                content is null, c.Status, c.Receiver, c.TransferId, c.TransferId is { } t ? transfers.GetValueOrDefault(t) : null, c.RegisteredOn,
                c.AcknowledgedOn, c.ReplyDue, c.Disposal, c.Form, c.DisposedOn,
                content is null ? null : content.SubjectPost is { } p ? $"{content.SubjectName}（{p}）" : content.SubjectName, gist,
                c.IsOverdue(today), c.Status == ClueStatus.Acknowledged && c.ReplyDue >= today && c.ReplyDue <= today.AddDays(DueSoonDays), c.Version);
            return (row, content);
        }).ToList();
    }

}
