using System.Net;
using System.Net.Http.Json;
using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.SingleSignOn;

/// <summary>
/// Single sign-on set up through the API against a real OpenID provider (oidc-provider on 127.0.0.1): the connection
/// test, requiring it, what an answer shows and hides, and who may call it. Each test signs up a customer of its own.
/// </summary>
public sealed class SsoApiTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly OpenIdProviderProcess _provider = OpenIdProviderProcess.Create();

    public async ValueTask InitializeAsync() => await _provider.RestartAsync();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private object Settings(string domain, bool requireSso = false, Guid? breakGlass = null) => new
    {
        issuer = _provider.Issuer,
        clientId = OpenIdProviderProcess.ClientId,
        clientSecret = OpenIdProviderProcess.ClientSecret,
        domains = new[] { domain },
        defaultRole = Roles.Member,
        allowJustInTime = true,
        requireSso,
        breakGlassAdminIds = breakGlass is { } id ? new[] { id } : [],
    };

    private static string Domain() => $"{Guid.NewGuid():N}.test";

    [Fact]
    public async Task Requiring_single_sign_on_with_a_provider_that_answers_is_saved_and_read_back_without_the_secret()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var domain = Domain();

        var saved = await admin.PutAsJsonAsync("/api/v1/customer/sso", Settings(domain, requireSso: true, breakGlass: customer.AdminId), Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag?.Tag);
        var read = await (await admin.GetAsync("/api/v1/customer/sso", Ct)).JsonAsync();
        Assert.Equal(_provider.Issuer, read.GetProperty("issuer").GetString());
        Assert.True(read.GetProperty("requireSso").GetBoolean());
        Assert.True(read.GetProperty("hasClientSecret").GetBoolean());
        Assert.False(read.TryGetProperty("clientSecret", out _));
        Assert.DoesNotContain(OpenIdProviderProcess.ClientSecret, read.GetRawText(), StringComparison.Ordinal);
        Assert.Equal($"http://localhost/signin-oidc/{customer.Id}", read.GetProperty("redirectUri").GetString());
        Assert.Equal([domain], read.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Once_required_passwords_open_only_break_glass_accounts_and_personal_access_tokens_keep_working()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (_, memberEmail) = await customer.AddUserAsync(Roles.Member);
        var member = await factory.SignedInAsync(memberEmail, TestCustomer.Password);
        var token = (await (await member.PostAsJsonAsync("/api/v1/tokens", new { name = "automation" }, Ct)).JsonAsync()).GetProperty("token").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/customer/sso", Settings(Domain(), requireSso: true, breakGlass: customer.AdminId), Ct)).StatusCode);

        var refused = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = memberEmail, password = TestCustomer.Password }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ProblemCodes.SsoRequired, (await refused.JsonAsync()).GetProperty("code").GetString());
        var wrongPassword = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = memberEmail, password = "Wrong-Passw0rd!" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = customer.AdminEmail, password = TestCustomer.Password }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(token).GetAsync("/api/v1/customer", Ct)).StatusCode);
        var refusals = await (await admin.GetAsync("/api/v1/audit-events?action=sso.signin-refused", Ct)).JsonAsync();
        Assert.Contains(memberEmail, refusals.GetProperty("items")[0].GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_break_glass_admin_cannot_be_demoted_deactivated_or_deleted_while_single_sign_on_is_required()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (secondAdmin, secondEmail) = await customer.AddUserAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/customer/sso", Settings(Domain(), requireSso: true, breakGlass: customer.AdminId), Ct)).StatusCode);

        foreach (var change in new[] { new { role = Roles.Member, isActive = (bool?)null }, new { role = (string)null!, isActive = (bool?)false } })
        {
            var refused = await admin.PatchAsJsonAsync($"/api/v1/users/{customer.AdminId}", change, Ct);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal(ProblemCodes.LastBreakGlassAdmin, (await refused.JsonAsync()).GetProperty("code").GetString());
        }
        var deleted = await (await factory.SignedInAsync(customer.AdminEmail, TestCustomer.Password)).DeleteAsync($"/api/v1/users/{customer.AdminId}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);

        // With a second break-glass admin, the first may step down, and is no longer one.
        var settings = await (await admin.GetAsync("/api/v1/customer/sso", Ct)).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/customer/sso", new
        {
            issuer = _provider.Issuer,
            clientId = OpenIdProviderProcess.ClientId,
            domains = settings.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).ToArray(),
            requireSso = true,
            breakGlassAdminIds = new[] { customer.AdminId, secondAdmin },
        }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/users/{customer.AdminId}", new { role = Roles.Member }, Ct)).StatusCode);
        var after = await (await (await factory.SignedInAsync(secondEmail, TestCustomer.Password)).GetAsync("/api/v1/customer/sso", Ct)).JsonAsync();
        Assert.Equal([secondAdmin], after.GetProperty("breakGlassAdminIds").EnumerateArray().Select(i => i.GetGuid()));
    }

    [Fact]
    public async Task The_connection_test_says_what_is_wrong_in_words()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();

        async Task<(bool, string)> TestAsync(string issuer)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/customer/sso/test", new { issuer }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.JsonAsync();
            return (body.GetProperty("succeeded").GetBoolean(), body.GetProperty("message").GetString()!);
        }

        var (works, message) = await TestAsync(_provider.Issuer);
        Assert.True(works, message);
        var (slash, slashMessage) = await TestAsync(_provider.Issuer + "/");
        Assert.False(slash);
        Assert.Contains($"enter {_provider.Issuer} as the issuer", slashMessage, StringComparison.Ordinal);
        var (wrongPath, wrongPathMessage) = await TestAsync(_provider.Issuer + "/tenant-a");
        Assert.False(wrongPath);
        Assert.Contains("answered 404", wrongPathMessage, StringComparison.Ordinal);
        await _provider.StopAsync();
        var (down, downMessage) = await TestAsync(_provider.Issuer);
        Assert.False(down);
        Assert.Contains("could not be reached", downMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_are_a_problem_naming_each_field_and_members_are_refused()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();

        var bad = await admin.PutAsJsonAsync("/api/v1/customer/sso", new { issuer = "not a url", clientId = "", domains = new[] { "gmail.com" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.All(new[] { "issuer", "clientId", "clientSecret", "domains" }, field => Assert.True(errors.TryGetProperty(field, out _), field));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/customer/sso", Ct)).StatusCode);

        var (_, memberEmail) = await customer.AddUserAsync(Roles.Member);
        var member = await factory.SignedInAsync(memberEmail, TestCustomer.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/customer/sso", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync("/api/v1/customer/sso", Settings(Domain()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/customer/sso", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_domain_another_customer_signs_in_with_is_a_conflict_naming_it()
    {
        var domain = Domain();
        var first = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var second = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync("/api/v1/customer/sso", Settings(domain), Ct)).StatusCode);

        var refused = await second.PutAsJsonAsync("/api/v1/customer/sso", Settings(domain), Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal(ProblemCodes.DomainClaimed, problem.GetProperty("code").GetString());
        Assert.Equal([domain], problem.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
    }
}
