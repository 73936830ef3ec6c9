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

    /// <summary>Posts a form with files, as a browser would (multipart), with the antiforgery token of the page it came from.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string url, string tokenFrom, Dictionary<string, string> fields, params (string Name, byte[] Bytes)[] files)
    {
        var html = await (await _client.GetAsync(tokenFrom)).Content.ReadAsStringAsync();
        var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), "files", name);
        return await _client.PostAsync(url, form);
    }

    /// <summary>Posts one file under a form field of the page's own naming (as an upload form does).</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string url, string tokenFrom, Dictionary<string, string> fields, string field, string fileName, byte[] bytes)
    {
        var html = await (await _client.GetAsync(tokenFrom)).Content.ReadAsStringAsync();
        var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        form.Add(new ByteArrayContent(bytes), field, fileName);
        return await _client.PostAsync(url, form);
    }

    /// <summary>Follows a page action's redirect and returns the page it lands on (with its flash message).</summary>
    public async Task<string> FollowAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await (await _client.GetAsync(response.Headers.Location!.ToString())).Content.ReadAsStringAsync();
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
