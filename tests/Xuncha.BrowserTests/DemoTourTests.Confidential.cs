using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>The public report page, the receipt, and the confidential pages of the group, the office and the 纪委.</summary>
public partial class DemoTourTests
{
    [Fact]
    public async Task Someone_reports_anonymously_from_the_public_page_and_follows_it_with_the_receipt()
    {
        // the group's link, as printed on the entry announcement
        var member = await As("chenmin");
        await member.GotoAsync("/letters");
        var link = await member.Locator(".report-link").First.GetAttributeAsync("href");
        link.ShouldNotBeNull();
        (await member.Locator(".qr-box img").First.GetAttributeAsync("src"))!.ShouldStartWith("data:image/png;base64,");
        await BrowserApp.ShotAsync(member, "60-letters");

        // a visitor with no account, on a phone
        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync(link!);
        (await visitor.Locator("h1, .public-banner").First.InnerTextAsync()).ShouldContain("网上举报");
        await visitor.SelectOptionAsync("#Input_TargetId", new SelectOptionValue { Label = "科技处党总支" });
        await visitor.FillAsync("#Input_SubjectName", "某科长");
        await visitor.FillAsync("#Input_Content", "科技处横向课题经费中有一笔 3 万元的咨询费，收款人是该科长的亲属，没有咨询成果。");
        await BrowserApp.ShotAsync(visitor, "61-public-report");
        await visitor.ClickAsync("#report-submit");
        var receipt = (await visitor.Locator("#receipt-code").InnerTextAsync()).Trim();
        receipt.Replace(" ", "").Length.ShouldBe(16);
        await BrowserApp.ShotAsync(visitor, "62-public-receipt");

        // the group sees it, asks a question
        await member.GotoAsync("/letters");
        await member.ClickAsync("#letters a:has-text('信')");
        (await member.Locator("#letter-text").InnerTextAsync()).ShouldContain("咨询费");
        await member.FillAsync("textarea[name=body]", "请问这笔咨询费大约是什么时间支付的？");
        await member.CheckAsync("#question");
        await member.ClickAsync("form[action*='handler=Message'] button[type=submit]");
        await BrowserApp.ShotAsync(member, "63-letter-detail");

        // the visitor checks with the receipt and answers
        await visitor.GotoAsync("/report/status");
        await visitor.FillAsync("#Code", receipt);
        await visitor.ClickAsync("#status-submit");
        (await visitor.Locator("#status-state").InnerTextAsync()).ShouldContain("已受理");
        (await visitor.Locator(".message-list").InnerTextAsync()).ShouldContain("咨询费大约");
        (await visitor.Locator(".message-list").InnerTextAsync()).ShouldNotContain("陈敏");
        await visitor.FillAsync("#Answer", "去年 12 月，报销单上写的是专家咨询。");
        await visitor.ClickAsync("#answer-submit");
        (await visitor.Locator(".message-list").InnerTextAsync()).ShouldContain("去年 12 月");
        await BrowserApp.ShotAsync(visitor, "64-public-status");

        // the leader decides: a refused decision keeps what was chosen and typed; then the letter is closed
        var leader = await As("zhaojianjun");
        await leader.GotoAsync(member.Url);
        await leader.CheckAsync("#decision-ToProblem");
        await leader.FillAsync("#reason", "反映的咨询费问题需要进一步核实。");
        // 转为问题 without the problem's title
        await leader.SubmitAsync("#decide-submit");
        (await leader.Locator("#letter-errors").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await leader.IsCheckedAsync("#decision-ToProblem")).ShouldBeTrue();
        (await leader.InputValueAsync("#reason")).ShouldBe("反映的咨询费问题需要进一步核实。");
        await BrowserApp.ShotAsync(leader, "63a-letter-decision-refused");
        await leader.CheckAsync("#decision-Archive");
        await leader.FillAsync("#reason", "经核实，该笔咨询费有合同和咨询报告，反映不属实，存档。");
        await leader.PostAsync("#decide-submit");
        (await leader.Locator("#letter-status").InnerTextAsync()).ShouldContain("已办结");
        // a question to a closed letter is refused, and the text typed stays
        await leader.FillAsync("textarea[name=body]", "还有其他情况需要补充吗？");
        await leader.CheckAsync("#question");
        await leader.SubmitAsync("form[action*='handler=Message'] button[type=submit]");
        (await leader.Locator("#letter-errors").InnerTextAsync()).ShouldContain("已办结");
        (await leader.InputValueAsync("textarea[name=body]")).ShouldBe("还有其他情况需要补充吗？");
        (await leader.IsCheckedAsync("#question")).ShouldBeTrue();

        // the visitor sees it closed, and no answer box
        await visitor.FillAsync("#Code", receipt);
        await visitor.ClickAsync("#status-submit");
        (await visitor.Locator("#status-state").InnerTextAsync()).ShouldContain("已办结");
        (await visitor.Locator("#Answer").CountAsync()).ShouldBe(0);
        (await visitor.Locator("#status-closed").InnerTextAsync()).ShouldContain("不再接受补充或回复");
        await BrowserApp.ShotAsync(visitor, "64a-public-status-closed");

        // a wrong code says so in Chinese
        await visitor.FillAsync("#Code", "1234 5678");
        await visitor.ClickAsync("#status-submit");
        (await visitor.Locator(".alert-danger").InnerTextAsync()).ShouldContain("16 位数字");
    }

    [Fact]
    public async Task Sealed_clues_stay_sealed_for_the_office_and_open_for_its_director()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/clues");
        (await office.Locator("#clue-stats").InnerTextAsync()).ShouldContain("逾期未回复");
        (await office.Locator("#clues").InnerTextAsync()).ShouldContain("密封");
        await BrowserApp.ShotAsync(office, "65-clues-office");
        await office.ClickAsync("#clues tr:has(.sealed-mark) a");
        (await office.Locator("#sealed-notice").InnerTextAsync()).ShouldContain("纪委书记");

        var director = await As("fanzhicheng");
        await director.GotoAsync(office.Url);
        (await director.Locator("#clue-summary").InnerTextAsync()).ShouldContain("民主推荐");
        await BrowserApp.ShotAsync(director, "66-clue-sealed-opened");

        var discipline = await As("sunli");
        await discipline.GotoAsync("/clues/transfers");
        await BrowserApp.ShotAsync(discipline, "67-transfers");
        await discipline.ClickAsync("#transfers a:has-text('移交')");
        var list = await discipline.RunAndWaitForDownloadAsync(() => discipline.ClickAsync("#transfer-list"));
        list.SuggestedFilename.ShouldEndWith(".docx");
    }

    [Fact]
    public async Task The_group_keeps_its_talk_list_and_records_a_talk_with_two_interviewers()
    {
        var member = await As("chenmin");
        await member.GotoAsync("/talks");
        await member.ClickAsync("#talk-targets a:text-is('生命科学学院党委')");
        (await member.Locator("#talks").InnerTextAsync()).ShouldContain("近三年退休领导");
        (await member.Locator("#roster").InnerTextAsync()).ShouldContain("邱振东"); // on the roster, retired too long ago for the list
        (await member.Locator("#talks").InnerTextAsync()).ShouldNotContain("邱振东");
        await BrowserApp.ShotAsync(member, "68-talk-list");
        await member.ClickAsync("#talks a:text-is('吕建新')");
        await member.FillAsync("#content", "谈到学院人才引进和干部培养情况。");
        // every member of the group may be named, with an account or without one (林晓雯 and 宋文 have none)
        var interviewers = await member.Locator("#talk-form label[for^=iv-]").AllInnerTextsAsync();
        interviewers.ShouldContain("林晓雯");
        interviewers.ShouldContain("宋文");
        interviewers.ShouldContain("陈敏");
        await member.CheckAsync("#talk-form label:text-is('陈敏')");
        await member.ClickAsync("#talk-save");
        (await member.Locator(".alert-danger").InnerTextAsync()).ShouldContain("两名");
        // what was typed is still there: tick the second interviewer and save again
        (await member.InputValueAsync("#content")).ShouldContain("人才引进");
        await member.CheckAsync("#talk-form label:text-is('林晓雯')");
        await member.ClickAsync("#talk-save");
        (await member.Locator(".alert-success").InnerTextAsync()).ShouldContain("已保存");
        var lin = await member.Locator("#talk-form label:text-is('林晓雯')").GetAttributeAsync("for");
        await member.ReloadAsync();
        (await member.IsCheckedAsync($"#{lin}")).ShouldBeTrue();
        await BrowserApp.ShotAsync(member, "69-talk-record");
    }
}
