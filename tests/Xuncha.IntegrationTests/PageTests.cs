namespace Xuncha.IntegrationTests;

/// <summary>The server-rendered pages: who reaches which, what they show, the fragments htmx swaps.</summary>
public class PageTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<WebSession> SignedIn(Role role)
    {
        var (name, password) = await app.CreateUserAsync(role);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        return web;
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_the_page_is_Chinese()
    {
        var web = new WebSession(app);
        var home = await web.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldStartWith("http://localhost/account/login");
        var login = await (await web.GetAsync("/account/login")).Content.ReadAsStringAsync();
        login.ShouldContain("<html lang=\"zh-CN\">");
        login.ShouldContain("巡察工作平台");
        login.ShouldContain("连续 5 次输错密码，账号将被锁定 15 分钟。");
        home.Headers.Contains("X-Content-Type-Options").ShouldBeTrue();
    }

    [Fact]
    public async Task Wrong_password_on_the_page_says_so_without_leaking_which_part_was_wrong()
    {
        var web = new WebSession(app);
        var r = await web.PostFormAsync("/account/login", new() { ["Input.UserName"] = "nobody", ["Input.Password"] = "x" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确。");
    }

    [Theory]
    [InlineData(Role.Office, "/organizations", HttpStatusCode.OK)]
    [InlineData(Role.Office, "/organizations/import", HttpStatusCode.OK)]
    [InlineData(Role.Office, "/admin/accounts", HttpStatusCode.Redirect)]
    [InlineData(Role.LeadingGroup, "/organizations", HttpStatusCode.OK)]
    [InlineData(Role.LeadingGroup, "/organizations/edit", HttpStatusCode.Redirect)]
    [InlineData(Role.Unit, "/organizations", HttpStatusCode.Redirect)]
    [InlineData(Role.SysAdmin, "/admin/accounts", HttpStatusCode.OK)]
    [InlineData(Role.SysAdmin, "/admin/backups", HttpStatusCode.OK)]
    [InlineData(Role.SysAdmin, "/admin/roles", HttpStatusCode.Redirect)]
    [InlineData(Role.SecAdmin, "/admin/roles", HttpStatusCode.OK)]
    [InlineData(Role.SecAdmin, "/admin/policy", HttpStatusCode.OK)]
    [InlineData(Role.SecAdmin, "/audit", HttpStatusCode.Redirect)]
    [InlineData(Role.AuditAdmin, "/audit", HttpStatusCode.OK)]
    [InlineData(Role.AuditAdmin, "/organizations", HttpStatusCode.Redirect)]
    public async Task Each_role_reaches_its_pages_and_is_turned_away_from_others(Role role, string url, HttpStatusCode expected)
    {
        var web = await SignedIn(role);
        var r = await web.GetAsync(url);
        r.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.Redirect) r.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Fact]
    public async Task The_home_page_and_navigation_follow_the_role()
    {
        var office = await (await (await SignedIn(Role.Office)).GetAsync("/")).Content.ReadAsStringAsync();
        office.ShouldContain("href=\"/organizations\"");
        office.ShouldNotContain("href=\"/admin/accounts\"");
        office.ShouldContain("第十三届党委");
        var auditor = await (await (await SignedIn(Role.AuditAdmin)).GetAsync("/")).Content.ReadAsStringAsync();
        auditor.ShouldContain("href=\"/audit\"");
        auditor.ShouldNotContain("href=\"/organizations\"");
        auditor.ShouldNotContain("第十三届党委");
    }

    [Fact]
    public async Task The_tree_search_fragment_and_row_actions_work_for_htmx()
    {
        var web = await SignedIn(Role.Office);
        var fragment = await (await web.GetAsync("/organizations?handler=Tree&q=" + Uri.EscapeDataString("护理"))).Content.ReadAsStringAsync();
        fragment.ShouldNotContain("<html");
        fragment.ShouldContain("医学部护理学系党支部");
        fragment.ShouldNotContain("财务处党总支");

        var page = await (await web.GetAsync("/organizations")).Content.ReadAsStringAsync();
        var branchId = await app.OrgIdAsync("XXY-JG");
        page.ShouldContain($"id=\"org-{branchId}\"");
        var versionMatch = System.Text.RegularExpressions.Regex.Match(page, $"handler=Deactivate&(?:amp;)?id={branchId}&(?:amp;)?version=(\\d+)");
        versionMatch.Success.ShouldBeTrue();
        var version = versionMatch.Groups[1].Value;
        web.Client.DefaultRequestHeaders.Add("HX-Request", "true");
        var row = await web.PostFormAsync($"/organizations?handler=Deactivate&id={branchId}&version={version}", new(), tokenFrom: "/organizations");
        row.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await row.Content.ReadAsStringAsync();
        html.ShouldStartWith($"<tr id=\"org-{branchId}\"");
        html.ShouldContain("已停用");

        var refused = await web.PostFormAsync($"/organizations?handler=Deactivate&id={await app.OrgIdAsync("CWC")}&version=1", new(), tokenFrom: "/organizations");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_edit_form_shows_field_errors_in_Chinese_and_keeps_what_was_typed()
    {
        var web = await SignedIn(Role.Office);
        var r = await web.PostFormAsync("/organizations/edit", new()
        {
            ["Input.Name"] = "新建的党支部", ["Input.Code"] = "CWC", ["Input.Type"] = "Branch", ["Input.ParentId"] = (await app.OrgIdAsync("MKS")).ToString(),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("编码“CWC”已被使用。");
        html.ShouldContain("value=\"新建的党支部\"");

        var ok = await web.PostFormAsync("/organizations/edit", new()
        {
            ["Input.Name"] = "页面新建党支部", ["Input.Code"] = "PAGE-1", ["Input.Type"] = "Branch", ["Input.ParentId"] = (await app.OrgIdAsync("MKS")).ToString(),
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ok.Headers.Location!.ToString().ShouldStartWith("/organizations#org-");
    }

    [Fact]
    public async Task Unknown_pages_and_records_show_a_Chinese_error_page()
    {
        var web = await SignedIn(Role.Office);
        var missing = await web.GetAsync("/no/such/page");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("页面不存在");
        var record = await web.GetAsync($"/organizations/edit/{Guid.NewGuid()}");
        record.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await record.Content.ReadAsStringAsync()).ShouldContain("记录不存在或您无权查看");
    }

    [Fact]
    public async Task The_system_administrator_creates_an_account_and_sees_its_one_time_password_once()
    {
        var web = await SignedIn(Role.SysAdmin);
        var r = await web.PostFormAsync("/admin/account-edit", new() { ["Input.UserName"] = "pagenew", ["Input.DisplayName"] = "页面新建" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("已创建账号“pagenew”");
        var otp = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"otp my-2\" id=\"otp\">([^<]+)</div>").Groups[1].Value;
        otp = WebUtility.HtmlDecode(otp);
        otp.Length.ShouldBe(14);
        (await app.Anonymous().LoginAsync("pagenew", otp)).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // change first
        (await (await web.GetAsync("/admin/accounts")).Content.ReadAsStringAsync()).ShouldNotContain(otp);
    }

    [Fact]
    public async Task The_auditor_searches_exports_and_verifies_from_the_page()
    {
        var web = await SignedIn(Role.AuditAdmin);
        var table = await (await web.GetAsync("/audit?handler=Table&action=sign-in")).Content.ReadAsStringAsync();
        table.ShouldContain("登录");
        table.ShouldNotContain("<html");
        var export = await web.GetAsync("/audit?handler=Export&action=sign-in");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var verify = await web.PostFormAsync("/audit?handler=Verify", new(), tokenFrom: "/audit");
        (await verify.Content.ReadAsStringAsync()).ShouldContain("审计记录完整");
    }
}
