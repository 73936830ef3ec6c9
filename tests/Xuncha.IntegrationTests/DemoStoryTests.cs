using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Audit;
using Xuncha.Data;
using Xuncha.Home;
using Xuncha.Ledger;
using Xuncha.Problems;
using Xuncha.Rectification;
using Xuncha.Rounds;

namespace Xuncha.IntegrationTests;

/// <summary>The whole demo, history included, on a clock fixed at Friday 20 November 2026, 10:00 in Beijing.</summary>
public sealed class StoryApp : XunchaApp
{
    public StoryApp() => Clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));

    public IReadOnlyList<Demo.DemoAccount> Accounts { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Accounts = await AsAsync(System, sp => sp.GetRequiredService<Demo.DemoData>().LoadAsync(history: true));
    }

    /// <summary>The actor of a demo account, as the web pipeline would build it.</summary>
    public Task<Actor> DemoActorAsync(string userName) => AsAsync(System, async sp =>
    {
        var db = sp.GetRequiredService<XunchaDbContext>();
        var u = await db.Users.SingleAsync(x => x.UserName == userName);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToListAsync();
        return new Actor
        {
            UserId = u.Id, UserName = userName, DisplayName = u.DisplayName, OrganizationId = u.OrganizationId,
            Roles = roles.Select(n => Roles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
        };
    });
}

public class DemoStoryTests(StoryApp app) : IClassFixture<StoryApp>
{
    private Task<T> Db<T>(Func<XunchaDbContext, Task<T>> query) =>
        app.AsAsync(XunchaApp.System, sp => query(sp.GetRequiredService<XunchaDbContext>()));

    [Fact]
    public async Task Four_rounds_stand_at_the_stages_the_story_tells()
    {
        var rounds = await Db(db => db.Rounds.OrderBy(r => r.CreatedAt).Select(r => new { r.Name, r.Status, r.Year, r.Ordinal }).ToListAsync());
        rounds.Select(r => r.Status).ShouldBe([RoundStatus.Completed, RoundStatus.Rectifying, RoundStatus.InField, RoundStatus.PendingApproval]);
        rounds[0].Name.ShouldBe("2019年第一轮校内巡察");
        rounds[0].Year.ShouldBe(2019);
        rounds[1].Name.ShouldBe("第十三届党委第一轮巡察");
        rounds.Skip(1).Select(r => r.Ordinal).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task Nobody_is_in_two_groups_whose_fieldwork_overlaps()
    {
        var tours = await Db(db => (from m in db.GroupMembers join g in db.Groups on m.GroupId equals g.Id join r in db.Rounds on g.RoundId equals r.Id
                                    select new { m.MemberId, Round = r.Name, From = r.FieldworkStartedOn ?? r.PlannedStart, To = r.FieldworkEndedOn ?? r.PlannedEnd })
            .ToListAsync());
        var clashes = tours.SelectMany(a => tours.Where(b => b.MemberId == a.MemberId && string.CompareOrdinal(a.Round, b.Round) < 0
                                                             && a.From <= b.To && b.From <= a.To).Select(b => $"{a.Round} / {b.Round}"))
            .ToList();
        clashes.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_first_round_fed_back_46_numbered_problems_to_nine_organisations_and_closed_every_task()
    {
        var first = await Db(db => db.Rounds.SingleAsync(r => r.Year == 2019));
        var problems = await Db(db => db.Problems.Where(p => p.RoundId == first.Id).ToListAsync());
        problems.Count.ShouldBe(46);
        problems.ShouldAllBe(p => p.Status == ProblemStatus.Approved);
        problems.ShouldAllBe(p => Regex.IsMatch(p.Number!, @"^\[2019\]1巡-[1-3]组-\d{2}号$"));
        (await Db(db => db.RoundTargets.CountAsync(t => t.RoundId == first.Id && t.FeedbackDate == new DateOnly(2019, 6, 20)))).ShouldBe(9);
        var tasks = await Db(db => (from t in db.Tasks join p in db.Problems on t.ProblemId equals p.Id where p.RoundId == first.Id select t).ToListAsync());
        tasks.Count.ShouldBe(46);
        tasks.ShouldAllBe(t => t.State == TaskState.Closed);
        tasks.Count(t => t.ClosureResult == ClosureResult.Ongoing).ShouldBe(tasks.Count(t => t.Kind == TaskKind.LongTerm));
        (await Db(db => db.RectificationReports.CountAsync(r => r.Status == RectificationReportStatus.Evaluated && r.EvaluatedAt!.Value.Year == 2019))).ShouldBe(9);

        var ledger = await app.AsAsync(await app.DemoActorAsync("wangxiao"), sp => sp.GetRequiredService<LedgerService>().QueryAsync(new LedgerFilter(first.Id)));
        ledger.Totals.Problems.ShouldBe(46);
        ledger.Totals.Open.ShouldBe(0);
        ledger.Totals.CompletionRate.ShouldBe(100m);
    }

    [Fact]
    public async Task The_current_round_has_overdue_due_soon_waiting_and_closed_tasks_and_a_returned_plan()
    {
        var office = await app.DemoActorAsync("wangxiao");
        var current = await Db(db => db.Rounds.SingleAsync(r => r.Status == RoundStatus.Rectifying));
        var rows = (await app.AsAsync(office, sp => sp.GetRequiredService<LedgerService>().QueryAsync(new LedgerFilter(current.Id)))).Rows;
        rows.Count.ShouldBe(13);
        rows.Count(r => r.Due?.Level == Deadlines.DueLevel.Overdue).ShouldBe(2);
        rows.ShouldContain(r => r.Due != null && r.Due.Level == Deadlines.DueLevel.Warning);
        rows.Count(r => r.State == TaskState.ClosureRequested).ShouldBe(1);
        rows.Count(r => r.State == TaskState.Closed).ShouldBe(5);

        var cwc = await app.OrgIdAsync("CWC");
        var revisions = await Db(db => (from r in db.PlanRevisions join p in db.Plans on r.PlanId equals p.Id
                                        join t in db.RoundTargets on p.TargetId equals t.Id
                                        where t.OrganizationId == cwc && t.RoundId == current.Id orderby r.Number select r.Outcome).ToListAsync());
        revisions.ShouldBe([PlanStatus.Returned, PlanStatus.Approved]);

        var queue = await app.AsAsync(office, sp => sp.GetRequiredService<WorkQueues>().ForCurrentActorAsync());
        queue.OfficeReviews.ShouldNotBeEmpty(); // a closure and a report wait
        queue.Overdue.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Each_printed_person_finds_work_waiting()
    {
        var leading = await app.AsAsync(await app.DemoActorAsync("liguoqiang"), sp => sp.GetRequiredService<WorkQueues>().ForCurrentActorAsync());
        leading.Approvals.ShouldContain(w => w.Title.Contains("第十三届党委第二轮巡察"));
        var leader = await app.AsAsync(await app.DemoActorAsync("zhaojianjun"), sp => sp.GetRequiredService<WorkQueues>().ForCurrentActorAsync());
        leader.ProblemReviews.Count.ShouldBe(1);
        var member = await app.AsAsync(await app.DemoActorAsync("chenmin"), sp => sp.GetRequiredService<WorkQueues>().ForCurrentActorAsync());
        member.MyDrafts.ShouldNotBeEmpty();
        var unit = await app.AsAsync(await app.DemoActorAsync("liufang"), sp => sp.GetRequiredService<WorkQueues>().ForCurrentActorAsync());
        unit.UnitTasks.Count.ShouldBe(4);
        unit.UnitTasks.ShouldContain(t => t.Due != null && t.Due.Level == Deadlines.DueLevel.Overdue);
        var liufang = (await app.DemoActorAsync("liufang")).UserId;
        (await Db(db => db.Notifications.CountAsync(n => n.UserId == liufang && n.ReadAt == null))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_history_is_on_an_intact_audit_trail_in_time_order()
    {
        var result = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
        result.Intact.ShouldBeTrue(result.Message);
        var events = await Db(db => db.AuditEvents.OrderBy(e => e.Seq).Select(e => new { e.Seq, e.At, e.Action, e.ObjectType }).ToListAsync());
        var times = events.Select(e => e.At).ToList();
        var back = events.Skip(1).Select((e, i) => (Before: events[i], After: e)).FirstOrDefault(x => x.After.At < x.Before.At);
        back.After.ShouldBeNull($"time goes back from {back.Before} to {back.After}");
        times[0].Year.ShouldBe(2019);
        times[^1].ShouldBeLessThanOrEqualTo(app.Clock!.GetUtcNow());
        app.Accounts.Count.ShouldBe(Roles.All.Count); // one printed account per role
        app.Accounts.ShouldAllBe(a => a.OneTimePassword.Length >= 12);
    }

    [Fact]
    public async Task Evidence_files_were_stored_and_open_as_pdf()
    {
        var files = await Db(db => db.Files.OrderBy(f => f.Id).Take(3).ToListAsync());
        files.ShouldNotBeEmpty();
        var (file, content) = await app.AsAsync<(Files.StoredFile, Stream)>(await app.DemoActorAsync("wangxiao"),
            sp => sp.GetRequiredService<Files.FileStore>().OpenAsync(files[0].Id, default));
        await using (content)
        {
            var head = new byte[5];
            (await content.ReadAsync(head)).ShouldBe(5);
            System.Text.Encoding.ASCII.GetString(head).ShouldBe("%PDF-");
        }
        file.FileName.ShouldEndWith(".pdf");
    }

    [Fact]
    public async Task The_special_round_has_letters_a_sealed_clue_and_the_current_round_an_overdue_reply()
    {
        var letters = await Db(db => db.Letters.Select(l => new { l.Channel, l.Status, l.Decision, l.ClueId }).ToListAsync());
        letters.Count.ShouldBe(2);
        var talks = await Db(db => db.TalkEntries.Select(t => new { t.Name, t.Status, t.Category }).ToListAsync());
        talks.Count.ShouldBe(6); // five serving, one retired two years ago; not the one six years ago
        talks.Count(t => t.Status == Confidential.TalkStatus.Done).ShouldBe(2);
        letters.ShouldContain(l => l.Channel == Confidential.LetterChannel.Online && l.Decision == Confidential.LetterDecision.ToClue && l.ClueId != null);
        letters.ShouldContain(l => l.Channel == Confidential.LetterChannel.Phone && l.Decision == Confidential.LetterDecision.Archive);
        var director = await app.DemoActorAsync("fanzhicheng");
        var stats = await app.AsAsync(director, sp => sp.GetRequiredService<Confidential.ClueService>().StatsAsync(null, default));
        stats.Registered.ShouldBe(4);
        stats.Sealed.ShouldBe(1);
        stats.Overdue.ShouldBe(1);
        stats.ByForm[Confidential.DisciplineForm.First].ShouldBe(1);
        var rows = await app.AsAsync(director, sp => sp.GetRequiredService<Confidential.ClueService>().ListAsync(new Confidential.ClueFilter(), default));
        rows.ShouldAllBe(r => !r.Hidden); // the director opens the sealed one
        var office = await app.DemoActorAsync("wangxiao");
        (await app.AsAsync(office, sp => sp.GetRequiredService<Confidential.ClueService>().ListAsync(new Confidential.ClueFilter(), default)))
            .Count(r => r.Hidden).ShouldBe(1);
    }
}
