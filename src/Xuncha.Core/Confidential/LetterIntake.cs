using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Confidential.Crypto;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Notifications;
using Xuncha.Rounds;

namespace Xuncha.Confidential;

/// <summary>
/// What the public page and the group share when a letter comes in: checking what it says, numbering it, sealing it
/// with its own key and files, and reading its messages and number back.
/// </summary>
public sealed class LetterIntake(XunchaDbContext db, Vault vault, SealedFiles files, MasterKey master, NotificationService notifications)
{
    private Actor Actor => db.Actor;

    /// <summary>Numbers, seals and saves a new letter with its files; the receipt code is returned once and kept only hashed.</summary>
    public async Task<(Guid Id, string Number, string Receipt)> CreateAsync(InspectionGroup g, LetterChannel channel, bool anonymous, DateOnly on, Guid? targetId,
        LetterContent content, IReadOnlyList<Upload>? uploads, Guid? registeredBy, CancellationToken ct)
    {
        var receipt = ReceiptCodes.New();
        List<(SealedFile, string)> written = [];
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                await db.LockAsync("letter-numbers:" + g.Id, ct);
                var seq = (await db.Letters.Where(l => l.GroupId == g.Id).MaxAsync(l => (int?)l.Sequence, ct) ?? 0) + 1;
                var id = Guid.NewGuid(); // random, not time-ordered: an id must not date a letter
                var letter = Letter.Receive(id, g.RoundId, g.Id, targetId, seq, channel, anonymous, on, registeredBy, ReceiptCodes.Protect(master, receipt));
                var key = vault.Create(Letter.RecordType, id);
                letter.Seal(key.SealJson("content", content), vault.Tokens(Letter.RecordType, content.SubjectName, content.SubjectPost, content.SubjectUnit, content.Content));
                db.Letters.Add(letter);
                if (uploads is { Count: > 0 }) written = await files.AddAllAsync(key, Letter.RecordType, uploads, ct);
                await db.SaveChangesAsync(ct);
                // members hear of letters registered by others; the public page notifies nobody (a notification's time would date the letter)
                if (!Actor.IsPublicReporter)
                {
                    foreach (var member in await db.GroupUserIdsAsync(g.Id, ct))
                        if (member != Actor.UserId) notifications.Notify(member, NotificationKind.Waiting, Messages.Notice_LetterReceived, $"/letters/{id}");
                    await db.SaveChangesAsync(ct);
                }
                return (id, await NumberAsync(letter, ct), receipt);
            }, ct);
        }
        catch
        {
            files.Discard(written);
            throw;
        }
    }

    public static LetterContent Validate(bool anonymous, Guid? targetId, string? subjectName, string? subjectPost, string? subjectUnit,
        string? text, string? reporterName, string? reporterPhone, bool requireContact)
    {
        var v = new Validator();
        var content = v.Text("content", text, Letter.ContentMax, required: true);
        var name = v.Line("subjectName", subjectName, Letter.NameMax, required: false);
        var post = v.Text("subjectPost", subjectPost, Letter.PostMax, required: false);
        var unit = v.Text("subjectUnit", subjectUnit, Letter.UnitMax, required: false);
        var rName = anonymous ? null : v.Line("reporterName", reporterName, Letter.NameMax, required: requireContact);
        var rPhone = anonymous ? null : v.Text("reporterPhone", reporterPhone, Letter.PhoneMax, required: requireContact);
        if (rPhone is not null && !rPhone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')'))
            v.Add("reporterPhone", Messages.Letter_BadPhone);
        if (targetId is null && unit is null && name is null) v.Add("targetId", Messages.Letter_AboutWhom);
        v.ThrowIfInvalid();
        return new LetterContent(name, post, unit, content!, rName, rPhone);
    }

    public async Task ValidTargetAsync(Guid? targetId, Guid groupId, CancellationToken ct)
    {
        if (targetId is { } t && !await db.RoundTargets.AnyAsync(x => x.Id == t && x.GroupId == groupId, ct))
            throw new ValidationException("targetId", Messages.Problem_NoSuchTarget);
    }

    public async Task<List<LetterMessageView>> MessagesAsync(Guid letterId, RecordLock key, bool forReporter, CancellationToken ct)
    {
        var rows = await (from m in db.LetterMessages.AsNoTracking()
                          where m.LetterId == letterId
                          join u in db.Users on m.AuthorId equals u.Id into us
                          from u in us.DefaultIfEmpty()
                          orderby m.SentOn, m.Id
                          select new { m.Id, m.FromReporter, m.SentOn, m.Body, Author = u == null ? null : u.DisplayName }).ToListAsync(ct);
        return rows.Select(m => new LetterMessageView(m.FromReporter, m.SentOn,
                m.FromReporter ? Messages.Letter_Reporter : forReporter ? Messages.Letter_TheGroup : m.Author,
                key.OpenText("message/" + m.Id.ToString("N"), m.Body)))
            .ToList();
    }

    public async Task<string> NumberAsync(Letter l, CancellationToken ct)
    {
        var info = await (from g in db.Groups join r in db.Rounds on g.RoundId equals r.Id where g.Id == l.GroupId
                          select new { r.Year, r.Ordinal, g.Number }).SingleAsync(ct);
        return FormatNumber(info.Year, info.Ordinal, info.Number, l.Sequence);
    }

    public static string FormatNumber(int year, int ordinal, int group, int sequence) => $"[{year}]{ordinal}巡-{group}组-信{sequence:000}";
}
