using System.Text;
using System.Text.Json;

namespace Xuncha.IntegrationTests;

public class OrganizationApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<HttpClient> Office() => await app.ClientAsAsync(Role.Office);

    [Fact]
    public async Task The_tree_comes_in_display_order_and_search_keeps_ancestors()
    {
        var client = await Office();
        var tree = (await (await client.GetAsync("/api/v1/organizations")).JsonAsync()).EnumerateArray().ToList();
        tree[0].GetProperty("code").GetString().ShouldBe("MD");
        tree.Count(o => o.GetProperty("depth").GetInt32() == 2 && o.GetProperty("type").GetString() != "Department").ShouldBeGreaterThanOrEqualTo(30);
        var found = (await (await client.GetAsync("/api/v1/organizations?search=" + Uri.EscapeDataString("临床"))).JsonAsync()).EnumerateArray().ToList();
        found.Select(o => o.GetProperty("code").GetString()).ShouldBe(["MD", "YXB", "YXB-LC"]);
        found.Single(o => o.GetProperty("code").GetString() == "YXB-LC").GetProperty("matched").GetBoolean().ShouldBeTrue();
        found.Single(o => o.GetProperty("code").GetString() == "YXB").GetProperty("matched").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Create_edit_move_deactivate_and_reactivate()
    {
        var client = await Office();
        var mks = await app.OrgIdAsync("MKS");
        var wxy = await app.OrgIdAsync("WXY");
        var created = await (await client.PostAsJsonAsync("/api/v1/organizations",
            new { code = "mks-jg2", name = "马克思主义学院教工第二党支部", type = "Branch", parentId = mks, secretary = "王二" })).JsonAsync(HttpStatusCode.Created);
        created.GetProperty("code").GetString().ShouldBe("MKS-JG2");
        var id = created.GetProperty("id").GetGuid();

        var moved = await (await client.PostAsJsonAsync($"/api/v1/organizations/{id}/move", new { parentId = wxy, version = created.GetProperty("version").GetUInt32() })).JsonAsync();
        moved.GetProperty("parentName").GetString().ShouldBe("文学院党委");

        var off = await (await client.PostAsJsonAsync($"/api/v1/organizations/{id}/deactivate", new { version = moved.GetProperty("version").GetUInt32() })).JsonAsync();
        off.GetProperty("isActive").GetBoolean().ShouldBeFalse();
        var again = await (await client.PostAsJsonAsync($"/api/v1/organizations/{id}/deactivate", new { version = off.GetProperty("version").GetUInt32() })).ProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("title").GetString().ShouldBe("该组织已停用。");
        var on = await (await client.PostAsJsonAsync($"/api/v1/organizations/{id}/reactivate", new { version = off.GetProperty("version").GetUInt32() })).JsonAsync();
        on.GetProperty("isActive").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Moving_under_itself_or_a_descendant_or_to_the_wrong_kind_of_parent_is_refused()
    {
        var client = await Office();
        var yxb = await Get(client, "YXB");
        var cycle = await (await client.PostAsJsonAsync($"/api/v1/organizations/{Id(yxb)}/move",
            new { parentId = await app.OrgIdAsync("YXB-LC"), version = Version(yxb) })).ProblemAsync(HttpStatusCode.Conflict);
        cycle.GetProperty("title").GetString()!.ShouldContain("自己或它的下级");
        var wrongKind = await (await client.PostAsJsonAsync($"/api/v1/organizations/{Id(yxb)}/move",
            new { parentId = await app.OrgIdAsync("CWC"), version = Version(yxb) })).ProblemAsync(HttpStatusCode.Conflict);
        wrongKind.GetProperty("title").GetString().ShouldBe("“二级党委”不能设在“党总支”之下。");
        (await Get(client, "YXB")).GetProperty("parentName").GetString().ShouldBe("中共明德大学委员会");
    }

    [Fact]
    public async Task A_parent_with_active_children_cannot_be_deactivated()
    {
        var client = await Office();
        var cwc = await Get(client, "CWC");
        var problem = await (await client.PostAsJsonAsync($"/api/v1/organizations/{Id(cwc)}/deactivate", new { version = Version(cwc) })).ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString()!.ShouldContain("下级组织");
    }

    [Fact]
    public async Task Bad_input_gets_a_Chinese_message_per_field_and_writes_nothing()
    {
        var client = await Office();
        var before = (await (await client.GetAsync("/api/v1/organizations")).JsonAsync()).GetArrayLength();

        var empty = await (await client.PostAsJsonAsync("/api/v1/organizations", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        empty.GetProperty("type").GetString()!.ShouldEndWith("validation");
        empty.FieldErrors("code").ShouldBe(["必填。"]);
        empty.FieldErrors("name").ShouldBe(["必填。"]);
        empty.FieldErrors("type").ShouldBe(["必填。"]);

        var tooLong = await (await client.PostAsJsonAsync("/api/v1/organizations",
            new { code = new string('A', 40), name = new string('名', 101), type = "Branch", secretary = new string('书', 51), sortOrder = -1 })).ProblemAsync(HttpStatusCode.BadRequest);
        tooLong.FieldErrors("code").ShouldBe(["不能超过 32 个字符。"]);
        tooLong.FieldErrors("name").ShouldBe(["不能超过 100 个字符。"]);
        tooLong.FieldErrors("secretary").ShouldBe(["不能超过 50 个字符。"]);
        tooLong.FieldErrors("sortOrder")[0].ShouldContain("0 到 99999");

        var badCode = await (await client.PostAsJsonAsync("/api/v1/organizations", new { code = "财务", name = "x", type = "Committee" })).ProblemAsync(HttpStatusCode.BadRequest);
        badCode.FieldErrors("code")[0].ShouldContain("只能包含字母");

        var duplicate = await (await client.PostAsJsonAsync("/api/v1/organizations",
            new { code = "cwc", name = "另一个", type = "GeneralBranch", parentId = await app.OrgIdAsync("MD") })).ProblemAsync(HttpStatusCode.BadRequest);
        duplicate.FieldErrors("code").ShouldBe(["编码“CWC”已被使用。"]);

        var sibling = await (await client.PostAsJsonAsync("/api/v1/organizations",
            new { code = "CWC9", name = "财务处党总支", type = "GeneralBranch", parentId = await app.OrgIdAsync("MD") })).ProblemAsync(HttpStatusCode.BadRequest);
        sibling.FieldErrors("name")[0].ShouldContain("同一上级下已有");

        var unknownParent = await (await client.PostAsJsonAsync("/api/v1/organizations",
            new { code = "NP1", name = "x", type = "Branch", parentId = Guid.NewGuid() })).ProblemAsync(HttpStatusCode.BadRequest);
        unknownParent.FieldErrors("parentId").ShouldBe(["上级组织不存在。"]);

        (await (await client.GetAsync("/api/v1/organizations")).JsonAsync()).GetArrayLength().ShouldBe(before);
    }

    [Theory]
    [InlineData("{\"code\":", "$")]
    [InlineData("{\"code\": 5}", "$.code")]
    [InlineData("{\"type\": \"Nonsense\"}", "$.type")]
    [InlineData("{\"sortOrder\": \"ten\"}", "$.sortOrder")]
    [InlineData("[1,2]", "$")]
    public async Task Malformed_json_and_wrong_types_are_400_problems(string json, string path)
    {
        var client = await Office();
        var response = await client.PostAsync("/api/v1/organizations", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("请求格式不正确。");
        problem.GetProperty("errors").EnumerateObject().Single().Name.ShouldStartWith(path);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var client = await Office();
        var missing = await (await client.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        missing.GetProperty("title").GetString().ShouldBe("记录不存在或您无权查看。");
        await (await client.PutAsJsonAsync($"/api/v1/organizations/{Guid.NewGuid()}", new { code = "X", name = "x", type = "Committee", version = 1 }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/organizations/not-a-guid")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_is_a_409_and_two_concurrent_saves_leave_one_winner()
    {
        var client = await Office();
        var org = await Get(client, "JWC");
        var body = (string secretary) => new
        {
            code = "JWC", name = org.GetProperty("name").GetString(), type = "GeneralBranch", parentId = org.GetProperty("parentId").GetGuid(),
            secretary, sortOrder = org.GetProperty("sortOrder").GetInt32(), version = Version(org),
        };
        var results = await Task.WhenAll(
            client.PutAsJsonAsync($"/api/v1/organizations/{Id(org)}", body("甲")),
            client.PutAsJsonAsync($"/api/v1/organizations/{Id(org)}", body("乙")));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var loser = results.Single(r => r.StatusCode != HttpStatusCode.OK);
        var problem = await loser.ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("type").GetString()!.ShouldEndWith("stale");
        problem.GetProperty("title").GetString().ShouldBe("该记录已被他人修改，请刷新后重试。");

        var missingVersion = await (await client.PutAsJsonAsync($"/api/v1/organizations/{Id(org)}", new { code = "JWC", name = "x", type = "GeneralBranch" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        missingVersion.FieldErrors("version")[0].ShouldContain("版本号");
    }

    [Fact]
    public async Task Roles_without_organisation_rights_are_refused()
    {
        var unit = await app.ClientAsAsync(Role.Unit, "CWC");
        await (await unit.GetAsync("/api/v1/organizations")).ProblemAsync(HttpStatusCode.Forbidden);
        (await unit.GetAsync("/api/v1/organizations/options")).StatusCode.ShouldBe(HttpStatusCode.OK); // to pick lead and co-units
        var leader = await app.ClientAsAsync(Role.LeadingGroup);
        (await leader.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await leader.PostAsJsonAsync("/api/v1/organizations", new { code = "LG1", name = "x", type = "Committee" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync("/api/v1/organizations")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Export_imports_back_unchanged_into_an_empty_database()
    {
        var client = await Office();
        var export = await client.GetAsync("/api/v1/organizations/export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var original = (await (await client.GetAsync("/api/v1/organizations")).JsonAsync()).EnumerateArray()
            .Select(o => (o.GetProperty("code").GetString(), o.GetProperty("name").GetString(), o.GetProperty("type").GetString(), o.GetProperty("secretary").ToString(), o.GetProperty("depth").GetInt32()))
            .ToList();

        var other = new XunchaApp();
        await other.InitializeAsync();
        try
        {
            var otherClient = await other.ClientAsAsync(Role.Office);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "组织机构.xlsx" } };
            var result = await (await otherClient.PostAsync("/api/v1/organizations/import", form)).JsonAsync();
            result.GetProperty("imported").GetInt32().ShouldBe(original.Count);
            var copy = (await (await otherClient.GetAsync("/api/v1/organizations")).JsonAsync()).EnumerateArray()
                .Select(o => (o.GetProperty("code").GetString(), o.GetProperty("name").GetString(), o.GetProperty("type").GetString(), o.GetProperty("secretary").ToString(), o.GetProperty("depth").GetInt32()))
                .ToList();
            copy.OrderBy(c => c.Item1).ShouldBe(original.OrderBy(c => c.Item1));
        }
        finally
        {
            await ((IAsyncLifetime)other).DisposeAsync();
        }
    }

    private async Task<JsonElement> Get(HttpClient client, string code) =>
        await (await client.GetAsync($"/api/v1/organizations/{await app.OrgIdAsync(code)}")).JsonAsync();

    private static Guid Id(JsonElement o) => o.GetProperty("id").GetGuid();

    private static uint Version(JsonElement o) => o.GetProperty("version").GetUInt32();
}

public class ApiConventionTests(XunchaApp app) : IClassFixture<XunchaApp>
{
    [Fact]
    public async Task Unknown_routes_wrong_methods_and_media_types_are_problems_too()
    {
        var client = await app.ClientAsAsync(Role.Office);
        (await (await client.GetAsync("/api/v1/nothing-here")).ProblemAsync(HttpStatusCode.NotFound)).GetProperty("title").GetString().ShouldBe("记录不存在或您无权查看。");
        await (await client.DeleteAsync("/api/v1/organizations")).ProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await client.PostAsync("/api/v1/organizations", new StringContent("code=1", Encoding.UTF8, "text/plain"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_api_is_described_by_OpenAPI()
    {
        var doc = await (await app.Anonymous().GetAsync("/openapi/v1.json")).JsonAsync();
        doc.GetProperty("info").GetProperty("title").GetString()!.ShouldContain("巡察");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var p in new[] { "/api/v1/auth/login", "/api/v1/auth/change-password", "/api/v1/organizations", "/api/v1/organizations/{id}",
                     "/api/v1/organizations/import", "/api/v1/accounts/{id}/roles", "/api/v1/audit", "/api/v1/audit/verify", "/api/v1/terms" })
            paths.ShouldContain(p);
        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
    }
}
