using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Xuncha.IntegrationTests;

/// <summary>A browser-like client for the server-rendered pages: keeps cookies and sends the antiforgery token.</summary>
public sealed partial class WebSession(XunchaApp app)
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var page = await _client.GetAsync(tokenFrom ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = Token().Match(html);
        if (token.Success) fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await _client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public async Task SignInAsync(string userName, string password)
    {
        var r = await PostFormAsync("/account/login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    public HttpClient Client => _client;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
