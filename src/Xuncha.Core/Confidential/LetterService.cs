using Microsoft.EntityFrameworkCore;
using Xuncha.Audit;
using Xuncha.Common;
using Xuncha.Confidential.Crypto;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Notifications;
using Xuncha.Problems;
using Xuncha.Rounds;

namespace Xuncha.Confidential;

/// <summary>
/// Letters and reports to a group during its tour, as the group and the office handle them: registration by
/// members, classification, decision (转为问题 / 转为线索 / 了解核实 / 存档) with a reason, and messages to the
/// writer through the receipt (the public side is <see cref="PublicReportService"/>). Every read of what a letter says is audited; nothing it says is stored in clear.
/// </summary>
public sealed class LetterService(
    XunchaDbContext db, Vault vault, SealedFiles files, LetterIntake intake, ProblemService problems, ClueService clues,
    NotificationService notifications, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    // ── the group and the office ───────────────────────────────────────────────────────────────────────

    /// <summary>A letter received by mail, phone, e-mail or in person, registered by a member. The writer's receipt code is shown once.</summary>
    public async Task<(Guid Id, string Number, string Receipt)> RegisterAsync(LetterInput input, IReadOnlyList<Upload>? uploads = null, CancellationToken ct = default)
    {
        Actor.Demand(Permission.HandleLetters);
        var v = new Validator();
        if (input.GroupId is not { } groupId) throw new ValidationException("groupId", Messages.Letter_GroupRequired);
        var g = await db.Groups.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(x => x.Id == groupId, ct)
                ?? throw new ValidationException("groupId", Messages.Letter_GroupRequired);
        await RequireGroupAsync(g.Id, leaderOnly: false, ct);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == g.RoundId, ct);
        if (round.Status is not (RoundStatus.InField or RoundStatus.Reporting)) throw new DomainException(Messages.Letter_NotInFieldwork);
        if (input.Channel == LetterChannel.Online) v.Add("channel", Messages.Letter_OnlineIsPublic);
        var on = input.ReceivedOn ?? clock.Today();
        if (on > clock.Today()) v.Add("receivedOn", Messages.Letter_FutureDate);
        if (round.FieldworkStartedOn is { } start && on < start.AddDays(-7)) v.Add("receivedOn", Messages.Letter_BeforeTour);
        v.ThrowIfInvalid();
        var content = LetterIntake.Validate(input.Anonymous, input.TargetId, input.SubjectName, input.SubjectPost, input.SubjectUnit, input.Content,
            input.ReporterName, input.ReporterPhone, requireContact: false);
        await intake.ValidTargetAsync(input.TargetId, g.Id, ct);
        return await intake.CreateAsync(g, input.Channel, input.Anonymous, on, input.TargetId, content, uploads, Actor.UserId, ct);
    }

    public async Task<IReadOnlyList<LetterRow>> ListAsync(LetterFilter f, CancellationToken ct = default)
    {
        Demand();
        var q = db.Letters.VisibleTo(db).AsNoTracking();
        if (f.RoundId is { } r) q = q.Where(l => l.RoundId == r);
        if (f.GroupId is { } g) q = q.Where(l => l.GroupId == g);
        if (f.Status is { } s) q = q.Where(l => l.Status == s);
        int[]? tokens = null;
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            tokens = vault.QueryTokens(Letter.RecordType, f.Search) ?? throw new ValidationException("search", Messages.Search_TooShort);
            q = q.Where(l => l.Tokens.Contains(tokens[0]));
            foreach (var t in tokens.Skip(1)) q = q.Where(l => l.Tokens.Contains(t));
        }
        var letters = await q.OrderByDescending(l => l.ReceivedOn).ThenByDescending(l => l.Sequence).Take(2000).ToListAsync(ct);
        var keys = await vault.OpenManyAsync(Letter.RecordType, letters.Select(l => l.Id).ToList(), ct);
        var rows = new List<LetterRow>();
        var names = await NamesAsync(letters, ct);
        foreach (var l in letters)
        {
            // a row that fails its check still lists, marked, so one bad record does not hide the others
            var content = keys.GetValueOrDefault(l.Id)?.TryOpenJson<LetterContent>("content", l.Content)
                          ?? new LetterContent(null, null, null, Messages.Confidential_TamperedShort, null, null);
            if (f.Search is { } term && !BlindIndex.Contains(term, content.SubjectName, content.SubjectPost, content.SubjectUnit, content.Content)) continue;
            rows.Add(Row(l, content, names));
        }
        if (rows.Count > 0)
            await db.RecordNowAsync(AuditAction.ReadConfidential, "letters", null, detail: new { count = rows.Count, searched = tokens is not null }, ct: ct);
        return rows;
    }

    public async Task<LetterDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        Demand();
        var letter = await db.Letters.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException();
        var key = await vault.OpenAsync(Letter.RecordType, id, ct);
        var content = key.OpenJson<LetterContent>("content", letter.Content);
        var handling = letter.Handling is null ? null : key.OpenJson<LetterHandling>("handling", letter.Handling);
        var messages = await intake.MessagesAsync(id, key, forReporter: false, ct);
        var attached = await files.ListAsync(key, Letter.RecordType, ct);
        var inGroup = await db.IsInGroupAsync(letter.GroupId, leaderOnly: false, ct);
        var leader = await db.IsInGroupAsync(letter.GroupId, leaderOnly: true, ct);
        await db.RecordNowAsync(AuditAction.ReadConfidential, "letters", id.ToString(), ct: ct);
        return new LetterDetail(Row(letter, content, await NamesAsync([letter], ct)), content, handling, messages, attached,
            letter.CategoryId, letter.AssigneeId, letter.ProblemId, letter.ClueId,
            CanHandle: Actor.Can(Permission.HandleLetters) && (inGroup || Actor.Has(Role.Office)) && letter.Status != LetterStatus.Closed,
            CanDecide: leader && Actor.Can(Permission.HandleLetters) && letter.Status != LetterStatus.Closed,
            CanDelete: Actor.Has(Role.Office) && letter.ProblemId is null && letter.ClueId is null);
    }

    public async Task<(SealedFileView File, byte[] Content)> FileAsync(Guid letterId, Guid fileId, CancellationToken ct = default)
    {
        Demand();
        if (!await db.Letters.VisibleTo(db).AnyAsync(l => l.Id == letterId, ct)) throw new NotFoundException();
        var key = await vault.OpenAsync(Letter.RecordType, letterId, ct);
        var file = await files.ReadAsync(key, Letter.RecordType, fileId, ct);
        await db.RecordNowAsync(AuditAction.ReadConfidential, "letters", letterId.ToString(), detail: new { file = fileId }, ct: ct);
        return file;
    }

    /// <summary>问题类别 and the member who follows it up (a member of the group).</summary>
    public async Task ClassifyAsync(Guid id, Guid? categoryId, Guid? assigneeId, uint? version, CancellationToken ct = default)
    {
        var letter = await ForChangeAsync(id, version, leaderOnly: false, ct);
        var v = new Validator();
        if (categoryId is { } c)
        {
            var taxonomy = await db.Rounds.Where(r => r.Id == letter.RoundId).Select(r => r.TaxonomyId).SingleAsync(ct);
            if (!await db.Categories.AnyAsync(x => x.Id == c && x.TaxonomyId == taxonomy, ct)) v.Add("categoryId", Messages.Problem_NoSuchCategory);
        }
        if (assigneeId is { } a && !await db.GroupMembers.AnyAsync(m => m.GroupId == letter.GroupId && m.UserId == a, ct))
            v.Add("assigneeId", Messages.Letter_AssigneeNotInGroup);
        v.ThrowIfInvalid();
        var changed = letter.AssigneeId != assigneeId;
        letter.Classify(categoryId, assigneeId);
        if (changed && assigneeId is { } who && who != Actor.UserId)
            notifications.Notify(who, NotificationKind.Waiting, Messages.Notice_LetterAssigned, $"/letters/{id}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The group leader decides, with a reason. 转为问题 drafts a problem; 转为线索 registers a clue (sealed under its own key).</summary>
    public async Task<Guid?> DecideAsync(Guid id, LetterDecisionInput input, uint? version, CancellationToken ct = default) =>
        await db.InTransactionAsync(async () =>
        {
            var letter = await ForChangeAsync(id, version, leaderOnly: true, ct);
            var v = new Validator();
            var reason = v.Text("reason", input.Reason, Letter.ReasonMax, required: true);
            v.ThrowIfInvalid();
            var key = await vault.OpenAsync(Letter.RecordType, id, ct);
            var content = key.OpenJson<LetterContent>("content", letter.Content);
            var verifying = letter.Status == LetterStatus.Verifying;
            var previous = letter.Handling is null ? null : key.OpenJson<LetterHandling>("handling", letter.Handling);
            Guid? problemId = null, clueId = null;
            switch (input.Decision)
            {
                case LetterDecision.ToProblem:
                    if (letter.TargetId is null) throw new ValidationException("decision", Messages.Letter_ProblemNeedsTarget);
                    problemId = await problems.CreateAsync(new ProblemInput(letter.TargetId, input.ProblemTitle, input.ProblemText ?? content.Content,
                        null, null, input.CategoryId ?? letter.CategoryId), ct: ct);
                    break;
                case LetterDecision.ToClue:
                    var clue = input.Clue ?? throw new ValidationException("clue", Messages.Letter_ClueRequired);
                    var targetOrg = letter.TargetId is { } tid
                        ? await db.RoundTargets.Where(t => t.Id == tid).Select(t => (Guid?)t.OrganizationId).SingleAsync(ct) : null;
                    clueId = await clues.RegisterAsync(clue with
                    {
                        OrganizationId = clue.OrganizationId ?? targetOrg,
                        RoundId = letter.RoundId, GroupId = letter.GroupId, Source = ClueSource.Letter, SourceId = letter.Id,
                        SubjectName = clue.SubjectName ?? content.SubjectName, SubjectPost = clue.SubjectPost ?? content.SubjectPost,
                        Summary = clue.Summary ?? content.Content,
                    }, ct: ct);
                    break;
            }
            var handling = key.SealJson("handling", verifying
                ? new LetterHandling(previous?.Reason ?? "", reason)
                : new LetterHandling(reason!, null));
            if (verifying) letter.Conclude(input.Decision, handling, clock.Today(), problemId, clueId);
            else letter.Decide(input.Decision, handling, clock.Today(), problemId, clueId);
            await db.SaveChangesAsync(ct);
            return problemId ?? clueId;
        }, ct);

    /// <summary>A message to the writer, read with the receipt code; a question waits for the answer.</summary>
    public async Task MessageAsync(Guid id, string? body, bool question, CancellationToken ct = default)
    {
        var letter = await ForChangeAsync(id, null, leaderOnly: false, ct, allowClosed: true);
        var v = new Validator();
        var text = v.Text("body", body, LetterMessage.BodyMax, required: true);
        v.ThrowIfInvalid();
        var key = await vault.OpenAsync(Letter.RecordType, id, ct);
        var mid = Guid.CreateVersion7(clock.GetUtcNow());
        db.LetterMessages.Add(LetterMessage.Of(mid, id, false, clock.Today(), Actor.UserId, key.SealText("message/" + mid.ToString("N"), text!)));
        if (question) letter.Asked();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The office deletes a letter (spam, a duplicate): its key is destroyed, its files removed. Not once it became a problem or clue.</summary>
    public async Task DeleteAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (!Actor.Has(Role.Office) && !Actor.IsSystem) throw new ForbiddenException();
        var letter = await db.Letters.VisibleTo(db).SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException();
        var v = new Validator();
        var clean = v.Text("reason", reason, Letter.ReasonMax, required: true);
        v.ThrowIfInvalid();
        if (letter.ProblemId is not null || letter.ClueId is not null) throw new DomainException(Messages.Letter_DeleteLinked);
        await db.InTransactionAsync(async () =>
        {
            await files.DeleteAllAsync(Letter.RecordType, id, ct);
            await vault.DestroyAsync(Letter.RecordType, id, ct);
            db.LetterMessages.RemoveRange(await db.LetterMessages.Where(m => m.LetterId == id).ToListAsync(ct));
            db.Letters.Remove(letter);
            db.Record(AuditAction.Shred, "letters", id.ToString(), detail: new { reason = clean });
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>The group's public link (group members and the office).</summary>
    public async Task<string> ReportTokenAsync(Guid groupId, CancellationToken ct = default)
    {
        Actor.Demand(Permission.HandleLetters);
        var g = await db.Groups.VisibleTo(db).SingleOrDefaultAsync(x => x.Id == groupId, ct) ?? throw new NotFoundException();
        if (!Actor.Has(Role.Office)) await RequireGroupAsync(groupId, leaderOnly: false, ct);
        return g.ReportToken;
    }

    /// <summary>The report channels of the groups in the field that the actor may handle letters for.</summary>
    public async Task<IReadOnlyList<ChannelLink>> ChannelsAsync(CancellationToken ct = default)
    {
        Demand();
        var isOffice = Actor.Has(Role.Office);
        var mine = db.GroupMembers.Where(m => m.UserId == Actor.UserId).Select(m => m.GroupId);
        var groups = await (from g in db.Groups join r in db.Rounds on g.RoundId equals r.Id
                            where r.Status == RoundStatus.InField && (isOffice || mine.Contains(g.Id))
                            orderby r.Year descending, r.Ordinal descending, g.Number
                            select new { g.Id, g.Name, Round = r.Name, g.ReportToken }).ToListAsync(ct);
        var ids = groups.Select(g => g.Id).ToList();
        var targets = (await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                              where t.GroupId != null && ids.Contains(t.GroupId.Value) orderby o.SortOrder, o.Name
                              select new { GroupId = t.GroupId!.Value, Target = new PublicTarget(t.Id, o.Name) }).ToListAsync(ct))
            .ToLookup(x => x.GroupId, x => x.Target);
        var links = new List<ChannelLink>();
        foreach (var g in groups)
            links.Add(new ChannelLink(g.Id, g.Name, g.Round, g.ReportToken, targets[g.Id].ToList()));
        return links;
    }

    /// <summary>What the letter's handling forms offer: the round's categories and the group's members with accounts.</summary>
    public async Task<(IReadOnlyList<(Guid Id, string Name)> Categories, IReadOnlyList<(Guid Id, string Name)> Members)> OptionsAsync(Guid letterId, CancellationToken ct = default)
    {
        Demand();
        var letter = await db.Letters.VisibleTo(db).AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId, ct) ?? throw new NotFoundException();
        var taxonomy = await db.Rounds.Where(r => r.Id == letter.RoundId).Select(r => r.TaxonomyId).SingleAsync(ct);
        var categories = (await db.Categories.Where(c => c.TaxonomyId == taxonomy).OrderBy(c => c.Code).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();
        var members = (await (from m in db.GroupMembers join u in db.Users on m.UserId equals u.Id where m.GroupId == letter.GroupId
                              orderby m.Role, u.DisplayName select new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(m => (m.Id, m.DisplayName)).ToList();
        return (categories, members);
    }

    // ── helpers ────────────────────────────────────────────────────────────────────────────────────────

    private void Demand()
    {
        if (!Actor.Can(Permission.HandleLetters)) throw new ForbiddenException();
    }


    private async Task<Letter> ForChangeAsync(Guid id, uint? version, bool leaderOnly, CancellationToken ct, bool allowClosed = false)
    {
        Demand();
        var letter = await db.ForUpdateAsync(db.Letters.VisibleTo(db), l => l.Id == id, version, ct);
        if (leaderOnly) await RequireGroupAsync(letter.GroupId, leaderOnly: true, ct);
        else if (!Actor.Has(Role.Office)) await RequireGroupAsync(letter.GroupId, leaderOnly: false, ct);
        if (!allowClosed && letter.Status == LetterStatus.Closed)
            throw new DomainException(string.Format(Messages.Transition_Illegal, letter.Status.Label(), Messages.Action_Edit));
        return letter;
    }

    private async Task RequireGroupAsync(Guid groupId, bool leaderOnly, CancellationToken ct)
    {
        if (!await db.IsInGroupAsync(groupId, leaderOnly, ct))
            throw new ForbiddenException(leaderOnly ? Messages.Letter_OnlyLeader : Messages.Problem_OnlyGroup);
    }



    private sealed record Names(Dictionary<Guid, (string Round, int Year, int Ordinal)> Rounds, Dictionary<Guid, (string Name, int Number)> Groups,
        Dictionary<Guid, string> Targets, Dictionary<Guid, string> Categories, Dictionary<Guid, string> Users);

    private async Task<Names> NamesAsync(IReadOnlyCollection<Letter> letters, CancellationToken ct)
    {
        var roundIds = letters.Select(l => l.RoundId).Distinct().ToList();
        var groupIds = letters.Select(l => l.GroupId).Distinct().ToList();
        var targetIds = letters.Where(l => l.TargetId != null).Select(l => l.TargetId!.Value).Distinct().ToList();
        var categoryIds = letters.Where(l => l.CategoryId != null).Select(l => l.CategoryId!.Value).Distinct().ToList();
        var userIds = letters.Where(l => l.AssigneeId != null).Select(l => l.AssigneeId!.Value).Distinct().ToList();
        return new Names(
            await db.Rounds.Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => (r.Name, r.Year, r.Ordinal), ct),
            await db.Groups.Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => (g.Name, g.Number), ct),
            await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id where targetIds.Contains(t.Id) select new { t.Id, o.Name })
                .ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            await db.Categories.Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct),
            await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct));
    }

    private static LetterRow Row(Letter l, LetterContent c, Names n)
    {
        var round = n.Rounds[l.RoundId];
        var group = n.Groups[l.GroupId];
        var gist = string.Join(" ", new[] { c.SubjectUnit, c.SubjectName }.Where(x => !string.IsNullOrEmpty(x)));
        var text = c.Content.ReplaceLineEndings(" ");
        gist = (gist.Length > 0 ? gist + "：" : "") + (text.Length > 60 ? text[..60] + "…" : text);
        return new LetterRow(l.Id, LetterIntake.FormatNumber(round.Year, round.Ordinal, group.Number, l.Sequence), l.RoundId, round.Round, l.GroupId, group.Name,
            l.TargetId, l.TargetId is { } t ? n.Targets.GetValueOrDefault(t) : null, l.Channel, l.IsAnonymous, l.ReceivedOn, l.Status, l.Decision,
            l.CategoryId is { } cat ? n.Categories.GetValueOrDefault(cat) : null, l.AssigneeId is { } a ? n.Users.GetValueOrDefault(a) : null,
            gist, l.AwaitingReporter, l.Version);
    }
}
