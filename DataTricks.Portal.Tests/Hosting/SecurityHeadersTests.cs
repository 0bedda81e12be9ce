using System.Net;
using System.Text.RegularExpressions;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Hosting;

public sealed partial class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/customer")]
    [InlineData("/api/v1/no-such-route")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_answer_carries_the_hardening_headers(string path)
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path, Ct);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task Pages_allow_only_their_own_scripts_and_the_nonced_import_map()
    {
        var response = await factory.CreateClient().GetAsync("/account/login", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var csp = Header(response, "Content-Security-Policy");
        var nonce = NoncePattern().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        // Every inline script of the page carries this answer's nonce.
        foreach (Match script in InlineScriptPattern().Matches(html))
            Assert.Contains($"nonce=\"{nonce}\"", script.Value);
        var second = Header(await factory.CreateClient().GetAsync("/account/login", Ct), "Content-Security-Policy");
        Assert.NotEqual(csp, second);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_request_for_an_unknown_host_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "evil.example";

        var response = await factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} answered without {name}.");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScriptPattern();
}
