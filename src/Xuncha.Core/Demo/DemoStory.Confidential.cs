using Microsoft.EntityFrameworkCore;
using Xuncha.Common;
using Xuncha.Confidential;

namespace Xuncha.Demo;

/// <summary>
/// The confidential side of the story: letters to the special round's group (one from its public page, one by
/// phone), a question to the writer and the answer, a talk that yields a sealed clue about a top leader; and the
/// current round's clues, transferred to the 纪委 months ago, one disposed in the first form, one reply overdue.
/// </summary>
internal sealed partial class DemoStory
{
    private const string Public = "(public)";

    /// <summary>The writer's receipt code, kept by the story as the writer keeps it.</summary>
    private string _receipt = "";

    private void ConfidentialStory()
    {
        const string c = "C";
        At(Ago(18), 20, Public, async () =>
        {
            var token = await Db.Groups.Where(g => g.Id == _ids[$"{c}/group/zhaojianjun"]).Select(g => g.ReportToken).SingleAsync();
            (_, _receipt) = await Get<PublicReportService>().SubmitAsync(token!, new PublicLetterInput(_ids[$"{c}/KJC"], true, "某副处长", "副处长", null,
                "科技处在去年科级干部竞聘中，面试评委名单在面试前一天就在处内传开，有人提前打招呼。竞聘结果公示期只有两天，少于规定的五个工作日。", null, null));
        });
        At(Ago(20), 9, "chenmin", async () => { await Get<LetterService>().ReportTokenAsync(_ids[$"{c}/group/zhaojianjun"]); });
        At(Ago(16), 15, "chenmin", async () =>
        {
            var (id, _, _) = await Get<LetterService>().RegisterAsync(new LetterInput(_ids[$"{c}/group/zhaojianjun"], _ids[$"{c}/SKY"], LetterChannel.Phone, false,
                Ago(16), null, null, "生命科学学院", "来电反映学院近两年提拔的三名科级干部中，有一人试用期满未经考核即转正。", "学院教师", "0571-86960000"), null);
            _ids["C/letter/phone"] = id;
        });
        At(Ago(12), 10, "zhaojianjun", async () =>
        {
            var id = await OnlyLetterAsync(LetterChannel.Online);
            _ids["C/letter/online"] = id;
            await Get<LetterService>().ClassifyAsync(id, _categories[3], UserId("chenmin"), null);
            await Get<LetterService>().DecideAsync(id, new LetterDecisionInput(LetterDecision.Verify, "反映具体，调阅竞聘材料和公示记录核实。"), null);
        });
        At(Ago(10), 16, "chenmin", () => Get<LetterService>().MessageAsync(_ids["C/letter/online"], "请问您反映的竞聘是哪一批次？是否还记得公示的具体日期？", true));
        At(Ago(9), 21, Public, () => Get<PublicReportService>().AnswerAsync(_receipt, null, "是去年 11 月那一批。公示贴在处里走廊，周四贴出，周五下班前就撤了。"));
        At(Ago(7), 11, "zhaojianjun", () => Get<LetterService>().DecideAsync(_ids["C/letter/phone"],
            new LetterDecisionInput(LetterDecision.Archive, "经查阅人事处档案，该同志已按期完成试用期考核，反映不属实，存档。"), null));
        At(Ago(13), 17, "chenmin", async () => _ids["C/clue/sealed"] = await Get<ClueService>().RegisterAsync(new ClueInput(_ids[c], null, _orgs["SKY"],
            ClueSource.Talk, null, ClueLevel.Confidential, true, _secretaries["SKY"], "院党委书记",
            "个别谈话中有两名同志反映，该同志在干部推荐中多次事先确定人选，再组织民主推荐“走程序”。", "谈话记录两份（已由谈话人确认）")));
        At(Ago(5), 10, "zhaojianjun", async () =>
        {
            var id = _ids["C/letter/online"];
            await Get<LetterService>().DecideAsync(id, new LetterDecisionInput(LetterDecision.ToClue, "调阅材料证实面试前评委名单外泄，公示期不足，转为问题线索。",
                Clue: new ClueInput(null, null, null, ClueSource.Letter, null, ClueLevel.Secret, false, "某副处长", "科技处副处长", null,
                    "调阅竞聘材料证实：面试评委名单提前外泄；结果公示两天。")), null);
        });
        At(Ago(3), 15, "wangxiao", async () =>
        {
            var clues = await Db.Clues.Where(x => x.RoundId == _ids[c]).Select(x => x.Id).ToListAsync();
            _ids["C/transfer"] = await Get<ClueTransferService>().TransferAsync(new ClueTransferInput(ClueReceiver.Discipline, clues, null, "选人用人专项巡察第一批线索"));
        });

        // the talk list of 生命科学学院, drawn from its roster, and two talks recorded and confirmed
        At(Ago(20), 14, "chenmin", async () =>
        {
            var talks = Get<TalkService>();
            var target = _ids[$"{c}/SKY"];
            await talks.AddLeaderAsync(target, new LeaderInput(_secretaries["SKY"], "党委书记", TalkCategory.Leadership, null));
            await talks.AddLeaderAsync(target, new LeaderInput("吕建新", "院长", TalkCategory.Leadership, null));
            await talks.AddLeaderAsync(target, new LeaderInput("施玉兰", "党委副书记", TalkCategory.Leadership, null));
            await talks.AddLeaderAsync(target, new LeaderInput("孔德明", "纪检委员", TalkCategory.DisciplineHead, null));
            await talks.AddLeaderAsync(target, new LeaderInput("华丽", "组织委员", TalkCategory.OrganizationHead, null));
            await talks.AddLeaderAsync(target, new LeaderInput("金国华", "院长", TalkCategory.Leadership, Today.AddYears(-2)));
            await talks.AddLeaderAsync(target, new LeaderInput("邱振东", "党委书记", TalkCategory.Leadership, Today.AddYears(-6)));
            await talks.PlanDefaultAsync(target);
        });
        At(Ago(15), 10, "chenmin", () => RecordTalkAsync("施玉兰", "院党委会议室",
            "谈到近两年干部推荐情况。反映有的推荐会议在会前已有“意向人选”，会上只做了说明。对班子议事规则总体认可。"));
        At(Ago(14), 15, "chenmin", () => RecordTalkAsync("孔德明", "院纪委办公室",
            "介绍了学院纪检工作开展情况，近三年收到信访 4 件，均已办结。建议巡察组关注干部推荐程序的规范性。"));

        // the current round's clues went to the 纪委 after its fieldwork
        const string b = "B";
        At(Ago(112), 10, "wangxiao", async () =>
        {
            var clues = Get<ClueService>();
            _ids["B/clue/1"] = await clues.RegisterAsync(new ClueInput(_ids[b], null, _orgs["CWC"], ClueSource.Fieldwork, null, ClueLevel.Secret, false,
                "王某", "财务处科长", "报销审核中对同一供应商的发票拆分入账，金额累计 8.6 万元，涉嫌规避政府采购。", "凭证 12 份（复印件）"));
            _ids["B/clue/2"] = await clues.RegisterAsync(new ClueInput(_ids[b], null, _orgs["WXY"], ClueSource.Fieldwork, null, ClueLevel.Ordinary, false,
                "李某", "文学院办公室主任", "学院外事接待经费中列支了与接待无关的礼品 1.2 万元，由其签字报销。", null));
            _ids["B/transfer"] = await Get<ClueTransferService>().TransferAsync(new ClueTransferInput(ClueReceiver.Discipline, [_ids["B/clue/1"], _ids["B/clue/2"]], null, "第十三届党委第一轮巡察问题线索"));
        });
        At(Ago(108), 9, "sunli", () => Get<ClueTransferService>().AcknowledgeAsync(_ids["B/transfer"], null, null));
        At(Ago(40), 16, "sunli", () => Get<ClueService>().DisposeAsync(_ids["B/clue/2"],
            new ClueDisposalInput(ClueDisposal.TalkOrLetter, DisciplineForm.First, "经谈话函询，本人作出说明并作检讨，予以批评教育。"), null));
    }

    private async Task RecordTalkAsync(string name, string place, string content)
    {
        var talk = await Db.TalkEntries.Where(t => t.TargetId == _ids["C/SKY"] && t.Name == name).Select(t => t.Id).SingleAsync();
        Guid?[] accounts = [UserId("chenmin"), UserId("zhaojianjun")];
        var interviewers = await Db.PoolMembers.Where(m => accounts.Contains(m.UserId)).Select(m => m.Id).ToListAsync();
        await Get<TalkService>().RecordAsync(talk, new TalkRecordInput(null, interviewers, place, content, true,
            "谈话对象已逐页阅看并签字确认"), null);
    }

    private async Task<Guid> OnlyLetterAsync(LetterChannel channel) =>
        await Db.Letters.Where(l => l.RoundId == _ids["C"] && l.Channel == channel).Select(l => l.Id).SingleAsync();
}
