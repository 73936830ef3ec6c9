using System.Text.Json;

namespace Xuncha.IntegrationTests;

public class HealthTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Health_answers_200_when_the_database_answers()
    {
        var response = await app.Anonymous().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Healthy");
    }

    [Fact]
    public async Task Database_down_gives_503_everywhere_readably_then_recovers_by_itself()
    {
        var api = await app.ClientAsAsync(Role.Office);
        (await api.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var web = app.Anonymous();
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var signedIn = new WebSession(app);
        await signedIn.SignInAsync(name, password);
        (await signedIn.GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await TestDatabase.ExecAsync($"ALTER DATABASE {app.Database.Name} ALLOW_CONNECTIONS false");
        await TestDatabase.ExecAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{app.Database.Name}'");
        try
        {
            var health = await web.GetAsync("/health");
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await health.Content.ReadAsStringAsync()).ShouldContain("数据库暂时无法连接");

            var apiDown = await api.GetAsync("/api/v1/organizations");
            apiDown.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            apiDown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await apiDown.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("type").GetString()!.ShouldEndWith("database-unavailable");
            problem.GetProperty("title").GetString()!.ShouldContain("数据库");

            var page = await web.GetAsync("/account/login");
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await page.Content.ReadAsStringAsync()).ShouldContain("数据库暂时无法连接");

            // a signed-in page: the same readable page, no stack trace
            foreach (var url in new[] { "/ledger", "/", "/organizations" })
            {
                var mine = await signedIn.GetAsync(url);
                mine.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, url);
                var html = await mine.Content.ReadAsStringAsync();
                html.ShouldContain("数据库暂时无法连接");
                html.ShouldNotContain("Exception");
                html.ShouldNotContain("Npgsql");
            }
        }
        finally
        {
            await TestDatabase.ExecAsync($"ALTER DATABASE {app.Database.Name} ALLOW_CONNECTIONS true");
        }

        (await web.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await web.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signedIn.GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK); // the session survived the outage
    }
}
