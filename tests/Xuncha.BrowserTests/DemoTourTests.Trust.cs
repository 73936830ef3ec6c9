using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Xuncha.BrowserTests;

/// <summary>
/// The pages the testers found wanting, on the demo's data: notifications that open their item, the 纪委's work on its
/// home page, the ledger on paper, a late report, the same words in an English browser.
/// </summary>
public partial class DemoTourTests
{
    [Fact]
    public async Task A_notification_opens_its_item_and_is_read()
    {
        var unit = await As("liufang");
        var unread = unit.Locator("#bell + .dropdown-menu .notification-item.unread");
        var before = await unread.CountAsync();
        before.ShouldBeGreaterThan(0);
        await unit.ClickAsync("#bell");
        await unread.First.WaitForAsync();
        var href = await unread.First.GetAttributeAsync("href");
        href!.ShouldMatch(@"^/notifications/[0-9a-f-]{36}/open$");
        await unit.ClickAsync("#bell + .dropdown-menu .notification-item.unread >> nth=0");
        await unit.WaitForURLAsync(url => !url.Contains("/notifications") && new Uri(url).AbsolutePath != "/");
        (await unread.CountAsync()).ShouldBe(before - 1);

        // the list, too, is made of links
        await unit.GotoAsync("/notifications");
        (await unit.Locator("a.notification-link").CountAsync()).ShouldBeGreaterThan(0);
        (await unit.Locator("a.notification-link:not(.list-group-item-warning)").CountAsync()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_discipline_commission_finds_transfers_to_sign_and_overdue_replies_on_its_home_page()
    {
        var discipline = await As("sunli");
        var work = discipline.Locator("#work-clues");
        (await work.InnerTextAsync()).ShouldContain("签收移交的线索");
        (await work.InnerTextAsync()).ShouldContain("线索逾期未回复");
        (await work.Locator(".countdown[data-level=Overdue]").CountAsync()).ShouldBeGreaterThan(0);
        (await work.InnerTextAsync()).ShouldNotContain("拆分入账"); // numbers and dates, never content
        await BrowserApp.ShotAsync(discipline, "70-discipline-home");
        await discipline.ClickAsync("#work-clues a:has-text('签收移交的线索')");
        await discipline.WaitForURLAsync("**/clues/transfers/*");
        (await discipline.Locator("#acknowledge-submit").GetAttributeAsync("data-confirm")).ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_ledger_prints_on_A4_landscape_with_title_filter_trace_and_page_numbers_and_fits_portrait_too()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/ledger");
        // every fed-back problem is there, with its stage when it has no task yet
        (await office.Locator("#ledger-totals").InnerTextAsync()).ShouldContain("59");

        var landscape = Path.Combine(BrowserApp.ScreenshotDirectory, "73-ledger-landscape.pdf");
        await office.PdfAsync(new PagePdfOptions { Path = landscape, PreferCSSPageSize = true, PrintBackground = true });
        var (width, height, pages) = await PdfInfoAsync(landscape);
        width.ShouldBeGreaterThan(height, "the ledger prints landscape by default");
        width.ShouldBe(842, 2);
        pages.ShouldBeGreaterThan(1);
        var first = await OfficeChecks.PdfTextAsync(landscape, 1);
        foreach (var text in new[] { "整改台账", "查询条件：全部轮次", "王晓", "打印", "反馈问题", "完成时限", "状态", "销号日期" })
            first.ShouldContain(text);
        Squeezed(first).ShouldContain($"第1页/共{pages}页");
        foreach (var chrome in new[] { "导出", "人才库", "工作台" }) first.ShouldNotContain(chrome); // no buttons, no navigation
        Squeezed(await OfficeChecks.PdfTextAsync(landscape, pages)).ShouldContain($"第{pages}页/共{pages}页");
        (await OfficeChecks.PdfTextAsync(landscape, 2)).ShouldContain("销号日期"); // the header repeats

        // printed portrait (a browser or printer that overrides the page's size): every column still fits
        var portrait = Path.Combine(BrowserApp.ScreenshotDirectory, "74-ledger-portrait.pdf");
        await office.AddStyleTagAsync(new PageAddStyleTagOptions { Content = "@page ledger { size: A4 portrait; }" });
        await office.PdfAsync(new PagePdfOptions { Path = portrait, PreferCSSPageSize = true });
        (width, height, _) = await PdfInfoAsync(portrait);
        height.ShouldBeGreaterThan(width);
        var text1 = await OfficeChecks.PdfTextAsync(portrait, 1);
        foreach (var column in new[] { "完成时限", "状态", "销号日期" }) text1.ShouldContain(column);
        // laid out for print at the width of A4 portrait (190 mm between the margins), no cell reaches past the edge
        await office.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        foreach (var px in new[] { 718, 1047 })
        {
            await office.SetViewportSizeAsync(px, 1000);
            (await office.EvaluateAsync<int>(@"() => [...document.querySelectorAll('#ledger-table th, #ledger-table td')]
                .filter(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length")).ShouldBe(0, $"cells past the edge at {px} px");
        }
        await office.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await office.SetViewportSizeAsync(1366, 768);

        // filtered: the filter is printed in words
        await office.CheckAsync("#overdue");
        await office.ClickAsync("button:has-text('查询')");
        await office.WaitForURLAsync("**overdue=true**");
        var filtered = Path.Combine(BrowserApp.ScreenshotDirectory, "75-ledger-overdue.pdf");
        await office.PdfAsync(new PagePdfOptions { Path = filtered, PreferCSSPageSize = true });
        (await OfficeChecks.PdfTextAsync(filtered, 1)).ShouldContain("只看逾期");
    }

    [Fact]
    public async Task A_report_submitted_late_says_by_how_many_days()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/rounds");
        await office.ClickAsync("a:has-text('第十三届党委第一轮巡察')");
        var jwc = office.Locator("#targets-table tr:has-text('教务处党总支')");
        var late = jwc.Locator(".countdown[data-level=DoneLate]");
        (await late.InnerTextAsync()).ShouldMatch(@"^逾期 \d+ 天完成（\d{4}-\d{2}-\d{2}）$");
        await BrowserApp.ShotAsync(office, "71-round-report-late");

        var unit = await As("weiqiang");
        await unit.GotoAsync(office.Url);
        await unit.ClickAsync("#targets-table a.target-link:has-text('教务处党总支')");
        (await unit.Locator(".page-header .countdown[data-level=DoneLate]").InnerTextAsync()).ShouldStartWith("逾期");
        (await unit.Locator("#open-report").InnerTextAsync()).Trim().ShouldBe("整改情况报告");
    }

    [Fact]
    public async Task An_English_browser_reads_the_same_dates_and_file_fields()
    {
        await app.SetPasswordAsync("chenmin", Password);
        var page = await app.NewPageAsync(1366, 768, "en-US");
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_UserName", "chenmin");
        await page.FillAsync("#Input_Password", Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/letters/new");
        var received = page.Locator("#Input_ReceivedOn");
        (await received.GetAttributeAsync("type")).ShouldBe("text");
        (await received.InputValueAsync()).ShouldMatch(@"^\d{4}-\d{2}-\d{2}$");
        (await page.Locator(".date-field button").First.GetAttributeAsync("aria-label")).ShouldBe("选择日期");
        (await page.Locator(".file-field button").First.InnerTextAsync()).ShouldStartWith("选择文件");
        (await page.Locator(".file-field .file-names").First.InnerTextAsync()).ShouldBe("未选择文件");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "来信.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF"u8.ToArray() });
        (await page.Locator(".file-field .file-names").First.InnerTextAsync()).ShouldBe("来信.pdf");
        await BrowserApp.ShotAsync(page, "72-english-browser-letter");

        // the public page on a phone
        var visitor = await app.NewPageAsync(390, 844, "en-US");
        await visitor.GotoAsync("/report/status");
        (await visitor.Locator("body").InnerTextAsync()).ShouldNotContain("Choose File");
    }

    /// <summary>pdftotext keeps or drops the spaces of a page-margin box as it likes.</summary>
    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_labels_say_what_they_mean_and_the_demo_files_people_where_they_belong()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/pool/stats");
        (await office.Locator(".page-header").InnerTextAsync()).ShouldNotContain("seed");
        await office.GotoAsync("/pool?search=范志诚");
        await office.ClickAsync("#pool-table a:has-text('范志诚')");
        (await office.Locator("main").InnerTextAsync()).ShouldContain("fanzhicheng"); // his pool record is his account's

        // the rectification plan of 财务处: a long-term task says so once; the group report's sections follow the taxonomy
        var unit = await As("liufang");
        await unit.GotoAsync("/");
        await unit.ClickAsync("main a:has-text('第十三届党委第一轮巡察')");
        await unit.ClickAsync(".page-header a:has-text('整改方案')");
        (await unit.Locator("main").InnerTextAsync()).ShouldContain("长期坚持");
        (await unit.Locator("main").InnerTextAsync()).ShouldNotContain("长期坚持 · 长期坚持");

        var member = await As("chenmin");
        await member.GotoAsync("/letters");
        (await member.Locator("#search").GetAttributeAsync("placeholder"))!.ShouldNotContain("令牌");
        var link = await member.Locator(".report-link").First.GetAttributeAsync("href");
        await member.GotoAsync("/talks");
        await member.ClickAsync("#talk-targets a:text-is('生命科学学院党委')");
        (await member.Locator("form[action*='handler=Leader'] input[name=post]").GetAttributeAsync("placeholder")).ShouldBe("职务");
        (await member.Locator("form[action*='handler=Leader'] input[name=post]").GetAttributeAsync("required")).ShouldNotBeNull();

        var phone = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(link!);
        (await phone.Locator("main").InnerTextAsync()).ShouldNotContain("右侧");
        (await phone.Locator("#Input_TargetId option[value='']").InnerTextAsync()).ShouldContain("其他单位");

        // a clue of the current round: 李某 of 文学院, filed under 文学院
        var discipline = await As("sunli");
        await discipline.GotoAsync("/clues?search=李某");
        var row = discipline.Locator("#clues tr:has-text('李某')");
        (await row.InnerTextAsync()).ShouldContain("文学院");
        await row.Locator("a").First.ClickAsync();
        (await discipline.Locator("main").InnerTextAsync()).ShouldContain("文学院办公室主任");
        (await discipline.Locator("main").InnerTextAsync()).ShouldNotContain("外国语学院");
    }

    [Fact]
    public async Task The_group_report_lists_problems_in_the_order_of_the_taxonomy()
    {
        var leader = await As("zhaojianjun");
        await leader.GotoAsync("/rounds");
        await leader.ClickAsync("a:has-text('第十三届党委第一轮巡察')");
        var round = Guid.Parse(leader.Url[(leader.Url.LastIndexOf('/') + 1)..]);
        var order = await app.AsAsync(XunchaApp.System, async sp =>
            (await sp.GetRequiredService<Xuncha.Rounds.RoundQueries>().CategoriesAsync(round)).Select(c => c.Name).ToList());
        await leader.ClickAsync("#group-1 a:has-text('巡察报告')");
        var sections = (await leader.Locator("h3").AllInnerTextsAsync()).Select(h => h[(h.IndexOf('）') + 1)..].Trim()).ToList();
        sections.Count.ShouldBeGreaterThan(1);
        sections.ShouldBe(order.Where(sections.Contains).ToList());
    }

    [Fact]
    public async Task The_office_keeps_the_holiday_calendar_from_the_State_Councils_notice()
    {
        var office = await As("wangxiao");
        await office.GotoAsync("/settings/deadlines?year=2026");
        var table = office.Locator("#calendar-days");
        (await table.InnerTextAsync()).ShouldContain("春节");
        (await office.Locator("#calendar-source").InnerTextAsync()).ShouldContain("国务院办公厅关于2026年部分节假日安排的通知");
        (await table.Locator("tr:has-text('春节调休上班')").CountAsync()).ShouldBe(2);
        await BrowserApp.ShotAsync(office, "76-calendar-2026");

        await office.ClickAsync("#calendar-import");
        await office.SetInputFilesAsync("#upload", new FilePayload
        {
            Name = "2034年节假日.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("日期,类型,说明\n2034-01-01,放假,元旦\n2034-02-18 至 2034-02-25,放假,春节\n2034-02-26,上班,春节调休上班\n"),
        });
        await office.FillAsync("#Source", "国务院办公厅关于2034年部分节假日安排的通知");
        await office.PostAsync("#import-preview");
        (await office.Locator("#import-rows tbody tr").CountAsync()).ShouldBe(3);
        await BrowserApp.ShotAsync(office, "77-calendar-import");
        await office.PostAsync("#import-commit");
        office.Url.ShouldEndWith("/settings/deadlines?year=2034");
        (await office.Locator("#calendar-source").InnerTextAsync()).ShouldContain("国务院办公厅关于2034年部分节假日安排的通知");
        (await office.Locator("#calendar-days tbody tr").CountAsync()).ShouldBe(3);

        // one day by hand, then a run removed
        await office.FillAsync("#day-date", "2034-02-04");
        await office.SelectOptionAsync("#day-kind", "true");
        await office.FillAsync("#day-note", "春节调休上班");
        await office.PostAsync("#day-save");
        (await office.Locator("#calendar-days tbody tr").CountAsync()).ShouldBe(4);
        (await office.Locator("#calendar-days").InnerTextAsync()).ShouldContain("手工设置"); // two sources now: each row names its own
        await office.PostAsync("#calendar-days tr:has-text('元旦') button");
        (await office.Locator("#calendar-days tbody tr").CountAsync()).ShouldBe(3);
        (await office.Locator("#calendar-days").InnerTextAsync()).ShouldNotContain("元旦");
    }

    private static async Task<(double Width, double Height, int Pages)> PdfInfoAsync(string pdf)
    {
        var pages = await OfficeChecks.PdfPagesAsync(pdf);
        var (w, h) = await OfficeChecks.PdfPageSizeAsync(pdf);
        return (w, h, pages);
    }
}
