using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A browser without JavaScript: signs in through the portal's form and keeps its cookies, for page-level HTTP tests.</summary>
public sealed partial class PortalBrowser
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client;

    private PortalBrowser(HttpClient client) => _client = client;

    public static PortalBrowser Open(PortalFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<PortalBrowser> SignInAsync(PortalFactory factory, string email, string password)
    {
        var browser = Open(factory);
        var response = await browser.SubmitSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>Posts the sign-in form as a browser would, with the antiforgery token of a freshly loaded form.</summary>
    public async Task<HttpResponseMessage> SubmitSignInAsync(string email, string password)
    {
        var form = await _client.GetStringAsync("/account/login", Ct);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        return await _client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), Ct);
    }

    private readonly Dictionary<string, string> _cookies = [];

    /// <summary>A cookie the browser's own scripts would set (the time zone, the theme), sent with every later GET.</summary>
    public void SetCookie(string name, string value) => _cookies[name] = value;

    public Task<HttpResponseMessage> GetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={Uri.EscapeDataString(c.Value)}")));
        return _client.SendAsync(request, Ct);
    }

    public async Task<string> PageAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
