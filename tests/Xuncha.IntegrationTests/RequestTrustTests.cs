using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xuncha.Data;

namespace Xuncha.IntegrationTests;

/// <summary>What a client cannot invent: its address (X-Forwarded-For), the Host of links, and what caches keep.</summary>
public class RequestTrustTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_peer_is_ignored()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        (await client.LoginAsync(name, "Wrong-Password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.LoginAsync(name, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var addresses = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents
            .Where(e => e.UserName == name && (e.Action == "sign-in" || e.Action == "sign-in-failed")).Select(e => e.ClientAddress).ToListAsync());
        addresses.Count.ShouldBe(2);
        addresses.ShouldAllBe(a => a == "127.0.0.1");
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("xuncha.example.cn.evil.example")]
    public async Task A_host_that_is_not_allowed_is_refused(string host)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Host = host;
        foreach (var url in new[] { "/account/login", "/api/v1/auth/me", "/health" })
        {
            var r = await client.GetAsync(url);
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            (await r.Content.ReadAsStringAsync()).ShouldContain("XUNCHA_ALLOWED_HOSTS");
        }
        (await app.Anonymous().GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK); // localhost is allowed
    }

    [Fact]
    public async Task Every_authenticated_answer_is_no_store_pages_api_and_downloads()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var web = new WebSession(app);
        await web.SignInAsync(name, password);
        var api = await app.ClientForAsync(name, password);
        foreach (var r in new[]
                 {
                     await web.GetAsync("/organizations"), await web.GetAsync("/organizations?handler=Tree"),
                     await api.GetAsync("/api/v1/organizations"), await api.GetAsync("/api/v1/organizations/export"),
                     await app.Anonymous().GetAsync("/account/login"),
                 })
        {
            r.Headers.CacheControl!.NoStore.ShouldBeTrue(r.RequestMessage!.RequestUri!.ToString());
        }
        // static files may be cached
        (await app.Anonymous().GetAsync("/css/site.css")).Headers.CacheControl!.NoStore.ShouldBeFalse();
    }
}

/// <summary>Behind a trusted proxy, the forwarded address is the client's.</summary>
public sealed class ProxiedApp : XunchaApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("XUNCHA_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8");
    }
}

public class TrustedProxyTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task The_forwarded_address_is_taken_from_a_trusted_proxy()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        (await client.LoginAsync(name, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var address = await app.AsAsync(XunchaApp.System, sp => sp.GetRequiredService<XunchaDbContext>().AuditEvents
            .Where(e => e.UserName == name && e.Action == "sign-in").Select(e => e.ClientAddress).SingleAsync());
        address.ShouldBe("203.0.113.77");
    }
}

/// <summary>Served over https at its public address: __Host- cookies, Secure, HSTS.</summary>
public sealed class HttpsApp : XunchaApp
{
    public const string Url = "https://xuncha.example.cn";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("XUNCHA_PUBLIC_URL", Url);
    }

    public HttpClient Https() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Url), AllowAutoRedirect = false });
}

public class HttpsTests(HttpsApp app) : IClassFixture<HttpsApp>
{
    [Fact]
    public async Task Over_https_the_session_cookie_is_Host_prefixed_secure_httponly_and_hsts_is_sent()
    {
        var (name, password) = await app.CreateUserAsync(Role.Office);
        var client = app.Https();
        var form = await client.GetAsync("/account/login");
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
        var html = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-xuncha-af="));
        antiforgery.ToLowerInvariant().ShouldContain("secure");

        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = name, ["Input.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-xuncha="));
        var attributes = cookie.ToLowerInvariant();
        attributes.ShouldContain("secure");
        attributes.ShouldContain("httponly");
        attributes.ShouldContain("samesite=lax");
        attributes.ShouldContain("path=/");
        attributes.ShouldNotContain("domain=");
        // the public host is allowed; links are built from it
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
