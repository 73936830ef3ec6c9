using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Web.Infrastructure;

namespace Xuncha.IntegrationTests;

/// <summary>
/// Nothing is open by accident: every endpoint and page either needs a signed-in user or is on the one list of
/// deliberately anonymous ones (<see cref="AnonymousAccess"/>) — checked on the endpoints' metadata, then by
/// calling each one without credentials.
/// </summary>
public class AnonymousAccessTests(DemoApp app) : IClassFixture<DemoApp>
{
    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Every_anonymous_endpoint_and_page_is_on_the_list()
    {
        var endpoints = Endpoints();
        endpoints.Count.ShouldBeGreaterThan(150);
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath ?? Pattern(e)).Distinct().ToList();
        open.Where(name => !AnonymousAccess.Pages.Contains(name) && !AnonymousAccess.Endpoints.Contains(name)).ShouldBeEmpty();
        // and the list names nothing that does not exist
        AnonymousAccess.Endpoints.Where(p => !open.Contains(p)).ShouldBeEmpty();
        AnonymousAccess.Pages.Where(p => !open.Contains(p)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_other_endpoint_and_page_turns_an_anonymous_caller_away()
    {
        var anonymous = app.Anonymous();
        var checkedCount = 0;
        foreach (var e in Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            // pages answer GET and POST (their handlers); minimal endpoints say which methods they take
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods.Where(m => m != "OPTIONS"))
            {
                var url = Fill(Pattern(e));
                var r = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
                if (url.StartsWith("/api/"))
                    r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {url}");
                else
                {
                    r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{method} {url}");
                    r.Headers.Location!.ToString().ShouldContain("/account/login", customMessage: $"{method} {url}");
                }
                checkedCount++;
            }
        }
        checkedCount.ShouldBeGreaterThan(150);
    }

    [Fact]
    public async Task A_route_that_does_not_exist_tells_an_anonymous_caller_nothing()
    {
        var r = await app.Anonymous().GetAsync("/no/such/page");
        r.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.NotFound);
    }

    private static string Pattern(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    private static string Fill(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*?([^}:?]+)[^}]*\}", m =>
    {
        var name = m.Groups[1].Value;
        var constraint = m.Value;
        return constraint.Contains(":int") ? "1"
            : constraint.Contains(":guid") || name.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
            : name.Contains("date", StringComparison.OrdinalIgnoreCase) ? "2026-01-05"
            : "x";
    });
}
