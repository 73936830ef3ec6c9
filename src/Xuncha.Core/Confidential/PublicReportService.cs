using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Confidential.Crypto;
using Xuncha.Data;
using Xuncha.Files;
using Xuncha.Rounds;

namespace Xuncha.Confidential;

/// <summary>
/// The public side of letters: a group's report page (no account), the writer's letter, the receipt code to follow it
/// and the answers given through it. Acts as the public reporter: no address, no audit row, no notification, the day only.
/// </summary>
public sealed class PublicReportService(XunchaDbContext db, Vault vault, MasterKey master, ReceiptThrottle throttle, LetterIntake intake, TimeProvider clock)
{
    private Actor Actor => db.Actor;

    /// <summary>The group's report page as the public sees it; 404 for an unknown token.</summary>
    public async Task<PublicChannel> ChannelAsync(string token, CancellationToken ct = default)
    {
        var g = await GroupByTokenAsync(token, ct);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == g.RoundId, ct);
        var targets = await (from t in db.RoundTargets join o in db.Organizations on t.OrganizationId equals o.Id
                             where t.GroupId == g.Id orderby o.SortOrder, o.Name select new PublicTarget(t.Id, o.Name)).ToListAsync(ct);
        return new PublicChannel(token, round.Name, g.Name, g.Number, targets, round.Status == RoundStatus.InField, round.PlannedEnd);
    }

    /// <summary>
    /// A letter from the public page. It stores the day only, no address, no browser, no audit row, and a random id;
    /// the writer gets the receipt code once.
    /// </summary>
    public async Task<(string Number, string Receipt)> SubmitAsync(string token, PublicLetterInput input, IReadOnlyList<Upload>? uploads = null,
        CancellationToken ct = default)
    {
        if (!Actor.IsPublicReporter) throw new ForbiddenException();
        var g = await GroupByTokenAsync(token, ct);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == g.RoundId, ct);
        if (round.Status != RoundStatus.InField) throw new DomainException(Messages.Letter_ChannelClosed);
        var content = LetterIntake.Validate(input.Anonymous, input.TargetId, input.SubjectName, input.SubjectPost, input.SubjectUnit, input.Content,
            input.ReporterName, input.ReporterPhone, requireContact: !input.Anonymous);
        await intake.ValidTargetAsync(input.TargetId, g.Id, ct);
        var (_, number, receipt) = await intake.CreateAsync(g, LetterChannel.Online, input.Anonymous, clock.Today(), input.TargetId, content, uploads, null, ct);
        return (number, receipt);
    }

    /// <summary>Where a letter stands, for the holder of its receipt code. Wrong codes are throttled.</summary>
    public async Task<ReceiptView> ByReceiptAsync(string? code, string? client, CancellationToken ct = default)
    {
        var (letter, key) = await ReceiptAsync(code, client, track: false, ct);
        var messages = await intake.MessagesAsync(letter.Id, key, forReporter: true, ct);
        var closed = letter.Status == LetterStatus.Closed;
        return new ReceiptView(await intake.NumberAsync(letter, ct), letter.ReceivedOn, PublicState(letter), letter.AwaitingReporter && !closed, messages, closed);
    }

    /// <summary>The writer answers the group through the receipt.</summary>
    public async Task AnswerAsync(string? code, string? client, string? body, CancellationToken ct = default)
    {
        if (!Actor.IsPublicReporter) throw new ForbiddenException();
        var (letter, key) = await ReceiptAsync(code, client, track: true, ct);
        var v = new Validator();
        var text = v.Text("body", body, LetterMessage.BodyMax, required: true);
        v.ThrowIfInvalid();
        if (letter.Status == LetterStatus.Closed) throw new DomainException(Messages.Letter_ClosedNoAnswer);
        var id = Guid.NewGuid();
        db.LetterMessages.Add(LetterMessage.Of(id, letter.Id, true, clock.Today(), null, key.SealText("message/" + id.ToString("N"), text!)));
        letter.Answered();
        // no notification: its time would date the answer; the group's list shows who answered
        await db.SaveChangesAsync(ct);
    }

    private async Task<InspectionGroup> GroupByTokenAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 32) throw new NotFoundException(Messages.Letter_NoSuchChannel);
        return await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.ReportToken == token, ct) ?? throw new NotFoundException(Messages.Letter_NoSuchChannel);
    }

    private async Task<(Letter, RecordLock)> ReceiptAsync(string? code, string? client, bool track, CancellationToken ct)
    {
        if (!throttle.Allows(client)) throw new ThrottledException();
        var normal = ReceiptCodes.Normalize(code);
        if (normal is null)
        {
            throttle.Failed(client);
            throw new ValidationException("code", Messages.Receipt_Format);
        }
        var tag = ReceiptCodes.Tag(master, normal);
        var candidates = await (track ? db.Letters : db.Letters.AsNoTracking()).Where(l => l.ReceiptTag == tag).ToListAsync(ct);
        var letter = candidates.FirstOrDefault(l => ReceiptCodes.Matches(master, normal, l.ReceiptSalt, l.ReceiptHash));
        if (letter is null)
        {
            throttle.Failed(client);
            throw new NotFoundException(Messages.Receipt_NotFound);
        }
        return (letter, await vault.OpenAsync(Letter.RecordType, letter.Id, ct));
    }
    private static string PublicState(Letter l) => l.Status switch
    {
        LetterStatus.Received => Messages.Receipt_Received,
        LetterStatus.Verifying => Messages.Receipt_Verifying,
        _ => Messages.Receipt_Closed,
    };
}
