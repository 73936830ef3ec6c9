using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xuncha.IntegrationTests;

/// <summary>
/// Control characters (NUL and the rest of C0 but tab and line breaks) are refused with a 400 and a Chinese message,
/// wherever they come in: JSON, query strings, forms; names and codes hold no line break either.
/// </summary>
public class HostileInputTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task A_NUL_in_JSON_is_a_400_naming_the_field()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var parent = await app.OrgIdAsync("CWC");
        var r = await office.PostAsync("/api/v1/organizations", new StringContent(
            $$"""{"code":"NUL1","name":"财务\u0000处","type":"Branch","parentId":"{{parent}}"}""", Encoding.UTF8, "application/json"));
        var problem = await r.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("type").GetString()!.ShouldEndWith("control-characters");
        problem.GetProperty("title").GetString()!.ShouldContain("控制字符");
        problem.FieldErrors("$.name").ShouldBe(["含有不允许的控制字符（如 NUL），请删除后重试。"]);
    }

    [Theory]
    [InlineData("/api/v1/organizations?search=%00")]
    [InlineData("/api/v1/problems?search=a%01b")]
    [InlineData("/api/v1/audit?user=%00")]
    public async Task A_control_character_in_a_query_is_a_400_problem(string url)
    {
        var office = await app.ClientAsAsync(Role.Office);
        var problem = await (await office.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("type").GetString()!.ShouldEndWith("control-characters");
    }

    [Fact]
    public async Task Pages_refuse_control_characters_in_queries_and_forms_with_a_readable_page()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        foreach (var url in new[] { "/problems?search=%00", "/organizations?q=%1b", "/ledger?search=%7f" })
        {
            var r = await web.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            (await r.Content.ReadAsStringAsync()).ShouldContain("控制字符");
        }
        var post = await web.PostFormAsync("/organizations/edit", new()
        {
            ["Input.Code"] = "NUL2", ["Input.Name"] = "财务\u0000处", ["Input.Type"] = "Branch", ["Input.SortOrder"] = "1",
        });
        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await post.Content.ReadAsStringAsync();
        html.ShouldContain("控制字符");
        html.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Names_and_codes_hold_one_line_while_long_texts_may_break_lines()
    {
        var office = await app.ClientAsAsync(Role.Office);
        var parent = await app.OrgIdAsync("CWC");
        var problem = await (await office.PostAsJsonAsync("/api/v1/organizations",
            new { code = "LINE1", name = "财务处\n第三支部", type = "Branch", parentId = parent })).ProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("name").ShouldBe(["只能写在一行里，不能含换行、制表符等控制字符。"]);
        var ok = await office.PostAsJsonAsync("/api/v1/organizations",
            new { code = "LINE2", name = "财务处第三支部", secretary = "张三\t（代）", type = "Branch", parentId = parent });
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
    }

    /// <summary>Every operation of the API with a JSON body, its text fields all NUL: never a 500, always refused.</summary>
    [Fact]
    public async Task No_operation_answers_500_to_NUL_in_every_text_field()
    {
        var doc = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var schemas = doc["components"]?["schemas"]?.AsObject();
        var clients = new List<HttpClient>();
        foreach (var role in Roles.All) clients.Add(await app.ClientAsAsync(role, role == Role.Unit ? "CWC" : null));
        var tried = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            var schema = op?["requestBody"]?["content"]?["application/json"]?["schema"];
            var body = schema is null ? null : NulBody(schema, schemas);
            if (body is null) continue;
            var url = Fill(path);
            var statuses = new List<HttpStatusCode>();
            foreach (var c in clients)
            {
                var r = await c.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                {
                    Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                });
                ((int)r.StatusCode).ShouldBeLessThan(500, $"{method} {path}: {await r.Content.ReadAsStringAsync()}");
                statuses.Add(r.StatusCode);
                if (r.StatusCode == HttpStatusCode.BadRequest) break; // a role that may call it was refused: enough (and spares the rate limits)
            }
            statuses.ShouldContain(HttpStatusCode.BadRequest, $"{method} {path} was never refused as bad input: {string.Join(",", statuses)}");
            tried++;
        }
        tried.ShouldBeGreaterThan(20);
    }

    private static JsonObject? NulBody(JsonNode schema, JsonObject? schemas)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference) schema = schemas?[reference.Split('/')[^1]] ?? schema;
        if (schema["properties"]?.AsObject() is not { } props) return null;
        var body = new JsonObject();
        foreach (var (name, p) in props)
        {
            var type = p?["type"];
            var isString = type is JsonValue v ? v.GetValue<string>() == "string" : type is JsonArray a && a.Any(t => t?.GetValue<string>() == "string");
            if (isString && p?["format"] is null) body[name] = "a\u0000b";
        }
        return body.Count == 0 ? null : body;
    }

    private static string Fill(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}]+)\}", m =>
        m.Groups[1].Value.EndsWith("date", StringComparison.OrdinalIgnoreCase) ? "2026-01-05"
        : m.Groups[1].Value is "kind" ? "feedback" : Guid.NewGuid().ToString());
}
