using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Data;

namespace Xuncha.IntegrationTests;

/// <summary>
/// Writes happen once and never over what the writer did not see: a double submission makes one record, an API POST
/// retried with the same Idempotency-Key gets the first answer, and every change names the version it was read at.
/// </summary>
public partial class WriteTests(FieldApp app) : IClassFixture<FieldApp>
{
    private Lifecycle L => app.L;

    private Task<int> ProblemsTitledAsync(string title) => app.AsAsync(XunchaApp.System, sp =>
        sp.GetRequiredService<XunchaDbContext>().Problems.CountAsync(p => p.Title == title));

    private async Task<object> ProblemBodyAsync(string title)
    {
        var categories = await (await L.Member.GetAsync($"/api/v1/rounds/{L.RoundId}/categories")).JsonAsync();
        return new { targetId = L.Targets["CWC"], title, manifestation = "表现", categoryId = categories[0].GetProperty("id").GetGuid() };
    }

    [Fact]
    public async Task Five_parallel_api_posts_with_one_idempotency_key_make_one_problem()
    {
        var body = await ProblemBodyAsync("并发提交的问题");
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/problems") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            var r = await L.Member.SendAsync(request);
            return (r.StatusCode, Id: (await r.JsonAsync(HttpStatusCode.Created)).GetProperty("row").GetProperty("id").GetGuid(),
                Replay: r.Headers.Contains("Idempotent-Replay"));
        }));
        (await ProblemsTitledAsync("并发提交的问题")).ShouldBe(1);
        answers.Select(a => a.Id).Distinct().Count().ShouldBe(1);
        answers.Count(a => a.Replay).ShouldBe(4);

        // the same key for another request is refused, a malformed key too; another key makes another
        var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/problems") { Content = JsonContent.Create(await ProblemBodyAsync("另一个问题")) };
        other.Headers.Add("Idempotency-Key", key);
        (await (await L.Member.SendAsync(other)).ProblemAsync((HttpStatusCode)422)).GetProperty("type").GetString()!.ShouldEndWith("idempotency-key-reused");
        var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/problems") { Content = JsonContent.Create(body) };
        bad.Headers.TryAddWithoutValidation("Idempotency-Key", "有 空格");
        await (await L.Member.SendAsync(bad)).ProblemAsync(HttpStatusCode.BadRequest);
        var fresh = new HttpRequestMessage(HttpMethod.Post, "/api/v1/problems") { Content = JsonContent.Create(body) };
        fresh.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await L.Member.SendAsync(fresh)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ProblemsTitledAsync("并发提交的问题")).ShouldBe(2);
        // a key belongs to its user: someone else's use of it is theirs alone
        var leader = new HttpRequestMessage(HttpMethod.Post, "/api/v1/problems") { Content = JsonContent.Create(body) };
        leader.Headers.Add("Idempotency-Key", key);
        (await (await L.Leader.SendAsync(leader)).JsonAsync(HttpStatusCode.Created)).GetProperty("row").GetProperty("id").GetGuid()
            .ShouldNotBe(answers[0].Id);
    }

    [Fact]
    public async Task Five_parallel_posts_of_one_rendered_problem_form_make_one_problem()
    {
        var web = await L.WebAsync("member");
        var html = await (await web.GetAsync("/problems/edit")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Field("__RequestVerificationToken").Match(html).Groups[1].Value);
        var submission = Field("__submission").Match(html).Groups[1].Value;
        submission.Length.ShouldBe(32);
        var categories = await (await L.Member.GetAsync($"/api/v1/rounds/{L.RoundId}/categories")).JsonAsync();
        Dictionary<string, string> Fields() => new()
        {
            ["__RequestVerificationToken"] = token, ["__submission"] = submission, ["Input.TargetId"] = L.Targets["CWC"].ToString(),
            ["Input.CategoryId"] = categories[0].GetProperty("id").GetGuid().ToString(), ["Input.Title"] = "双击两次的问题",
            ["Input.Manifestation"] = "表现",
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => web.Client.PostAsync("/problems/edit", new FormUrlEncodedContent(Fields()))));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Redirect);
        answers.Select(a => a.Headers.Location!.ToString()).Distinct().Count().ShouldBe(1);
        (await ProblemsTitledAsync("双击两次的问题")).ShouldBe(1);

        // a form refused for its input is not replayed: corrected, it saves
        var again = await (await web.GetAsync("/problems/edit")).Content.ReadAsStringAsync();
        var second = Field("__submission").Match(again).Groups[1].Value;
        second.ShouldNotBe(submission);
        var f = Fields();
        f["__submission"] = second;
        f["__RequestVerificationToken"] = WebUtility.HtmlDecode(Field("__RequestVerificationToken").Match(again).Groups[1].Value);
        f["Input.Title"] = "";
        (await web.Client.PostAsync("/problems/edit", new FormUrlEncodedContent(f))).StatusCode.ShouldBe(HttpStatusCode.OK);
        f["Input.Title"] = "改正后保存的问题";
        (await web.Client.PostAsync("/problems/edit", new FormUrlEncodedContent(f))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProblemsTitledAsync("改正后保存的问题")).ShouldBe(1);
    }

    [Fact]
    public async Task Every_put_and_patch_of_the_api_without_a_version_is_refused()
    {
        var doc = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var clients = new List<HttpClient> { L.Office, L.Leader, L.Member, L.Units["CWC"], L.Leading, app.Discipline, app.Director };
        foreach (var role in new[] { Role.SysAdmin, Role.SecAdmin }) clients.Add(await app.ClientAsAsync(role));
        var walked = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject().Where(m => m.Key is "put" or "patch"))
        {
            var url = Regex.Replace(path, @"\{([^}]+)\}", m => m.Groups[1].Value switch
            {
                "kind" => "feedback", "date" => "2026-01-05", _ => Guid.NewGuid().ToString(),
            });
            var multipart = op?["requestBody"]?["content"]?["multipart/form-data"] is not null;
            var answers = new List<string>();
            foreach (var c in clients)
            {
                HttpContent content = multipart
                    ? new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "file", "a.docx" } }
                    // a sheet of grades carries a version per row
                    : new StringContent(path.EndsWith("/appraisals") ? $"{{\"grades\":[{{\"memberId\":\"{Guid.NewGuid()}\"}}]}}" : "{}", Encoding.UTF8, "application/json");
                var r = await c.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = content });
                var text = await r.Content.ReadAsStringAsync();
                answers.Add($"{(int)r.StatusCode}");
                if (r.StatusCode == HttpStatusCode.BadRequest)
                {
                    JsonNode.Parse(text)!["errors"]?["version"]?[0]?.GetValue<string>().ShouldStartWith("缺少版本号", customMessage: $"{method} {path}: {text}");
                    walked.Add($"{method} {path}");
                    break;
                }
            }
            walked.ShouldContain($"{method} {path}", $"{method} {path} never asked for a version: {string.Join(",", answers)}");
        }
        walked.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Progress_needs_the_version_of_the_task()
    {
        // a problem fed back and a task approved would take the whole lifecycle; the version check comes first anyway
        var form = new MultipartFormDataContent { { new StringContent("进展"), "text" } };
        var problem = await (await L.Units["CWC"].PostAsync($"/api/v1/tasks/{Guid.NewGuid()}/progress", form)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors("version")[0].ShouldStartWith("缺少版本号");
    }

    [Fact]
    public async Task The_two_policy_bodies_are_described_apart()
    {
        var schemas = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;
        schemas["DeadlinePolicyBody"]!["properties"]!["planDueWorkingDays"].ShouldNotBeNull();
        schemas["SecurityPolicyBody"]!["properties"]!["passwordMinLength"].ShouldNotBeNull();
        schemas.AsObject().ContainsKey("PolicyBody").ShouldBeFalse();
        // and text is described as text
        schemas["LoginBody"]!["properties"]!["userName"]!["type"]!.ToJsonString().ShouldContain("string");
    }

    private static Regex Field(string name) => new($"name=\"{name}\"[^>]*?value=\"([^\"]+)\"");
}
