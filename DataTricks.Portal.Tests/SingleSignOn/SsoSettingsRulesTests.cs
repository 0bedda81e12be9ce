using DataTricks.Domain.Common;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Users;

namespace DataTricks.Portal.Tests.SingleSignOn;

/// <summary>What single sign-on settings must be: each refusal names its field, and what is taken is cleaned.</summary>
public sealed class SsoSettingsRulesTests
{
    private static readonly Guid Admin = Guid.NewGuid();

    private static SsoSettingsRequest Valid => new(" https://login.acme.test ", "portal", "s3cret", ["Acme.TEST", "eu.acme.test"], null, null, null, null);

    private static Result<(SsoSettings Settings, string? ClientSecret)> Check(SsoSettingsRequest request, bool allowInsecure = false, bool hasStoredSecret = false) =>
        SsoSettingsRules.Check(request, allowInsecure, hasStoredSecret);

    [Fact]
    public void A_valid_request_is_trimmed_and_lower_cased_with_the_defaults_filled_in()
    {
        var result = Check(Valid);

        Assert.True(result.Succeeded, result.Failure?.Detail);
        var (settings, secret) = result.Value;
        Assert.Equal(("https://login.acme.test", "portal", Roles.Member, false, false), (settings.Issuer, settings.ClientId, settings.DefaultRole, settings.AllowJustInTime, settings.RequireSso));
        Assert.Equal(["acme.test", "eu.acme.test"], settings.Domains);
        Assert.Empty(settings.BreakGlassAdminIds);
        Assert.Equal("s3cret", secret);
    }

    [Theory]
    [InlineData("http://login.acme.test", false)]
    [InlineData("https://login.acme.test?tenant=1", true)]
    [InlineData("https://login.acme.test#top", true)]
    [InlineData("https://user:pass@login.acme.test", true)]
    [InlineData("login.acme.test", true)]
    [InlineData("ftp://login.acme.test", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void An_issuer_that_is_not_a_plain_https_url_is_refused(string? issuer, bool allowInsecure) =>
        AssertRefused(Check(Valid with { Issuer = issuer }, allowInsecure), "issuer");

    [Fact]
    public void An_http_issuer_is_taken_only_where_insecure_issuers_are_allowed() =>
        Assert.True(Check(Valid with { Issuer = "http://127.0.0.1:5555" }, allowInsecure: true).Succeeded);

    [Fact]
    public void A_new_connection_needs_its_secret_and_a_stored_one_may_be_kept()
    {
        AssertRefused(Check(Valid with { ClientSecret = null }), "clientSecret");
        var kept = Check(Valid with { ClientSecret = null }, hasStoredSecret: true);
        Assert.True(kept.Succeeded);
        Assert.Null(kept.Value.ClientSecret);
        AssertRefused(Check(Valid with { ClientSecret = "  " }, hasStoredSecret: true), "clientSecret");
    }

    [Theory]
    [InlineData("")]
    [InlineData("example")]
    [InlineData("ana@acme.test")]
    [InlineData("-acme.test")]
    [InlineData("acme-.test")]
    [InlineData("ac me.test")]
    [InlineData("acme..test")]
    [InlineData("acme.test,ACME.test")]
    [InlineData("gmail.com")]
    [InlineData("Outlook.com")]
    public void Domains_that_are_missing_malformed_repeated_or_public_mail_are_refused(string domains) =>
        AssertRefused(Check(Valid with { Domains = domains.Split(',', StringSplitOptions.RemoveEmptyEntries) }), "domains");

    [Fact]
    public void At_most_twenty_domains_are_taken()
    {
        string[] Domains(int count) => [.. Enumerable.Range(1, count).Select(i => $"d{i}.acme.test")];

        Assert.True(Check(Valid with { Domains = Domains(SsoSettingsRules.MaxDomains) }).Succeeded);
        AssertRefused(Check(Valid with { Domains = Domains(SsoSettingsRules.MaxDomains + 1) }), "domains");
    }

    [Theory]
    [InlineData("bücher.test", "xn--bcher-kva.test")]
    [InlineData("Acme.Test.", "acme.test")]
    [InlineData("a-b.c-d.test", "a-b.c-d.test")]
    public void A_domain_is_kept_in_its_lower_case_ascii_form(string domain, string kept) => Assert.Equal(kept, SsoSettingsRules.Domain(domain));

    [Theory]
    [InlineData("Ana@Acme.TEST", "acme.test")]
    [InlineData("not an address", null)]
    [InlineData(null, null)]
    public void The_domain_of_an_address_is_what_follows_its_at(string? email, string? domain) => Assert.Equal(domain, SsoSettingsRules.DomainOf(email));

    [Fact]
    public void The_default_role_is_member_or_admin()
    {
        Assert.Equal(Roles.Admin, Check(Valid with { DefaultRole = Roles.Admin }).Value.Settings.DefaultRole);
        AssertRefused(Check(Valid with { DefaultRole = "Owner" }), "defaultRole");
        AssertRefused(Check(Valid with { DefaultRole = Roles.Support }), "defaultRole");
    }

    [Fact]
    public void Requiring_single_sign_on_needs_a_break_glass_admin_named_once_and_at_most_ten()
    {
        AssertRefused(Check(Valid with { RequireSso = true }), "breakGlassAdminIds");
        AssertRefused(Check(Valid with { RequireSso = true, BreakGlassAdminIds = [Admin, Admin] }), "breakGlassAdminIds");
        AssertRefused(Check(Valid with { BreakGlassAdminIds = [.. Enumerable.Range(0, 11).Select(_ => Guid.NewGuid())] }), "breakGlassAdminIds");

        var required = Check(Valid with { RequireSso = true, BreakGlassAdminIds = [Admin] });
        Assert.True(required.Succeeded);
        Assert.True(required.Value.Settings.RequireSso);
        Assert.Equal([Admin], required.Value.Settings.BreakGlassAdminIds);
    }

    [Fact]
    public void A_client_id_is_required_and_control_characters_are_refused()
    {
        AssertRefused(Check(Valid with { ClientId = "" }), "clientId");
        AssertRefused(Check(Valid with { ClientId = "por\ntal" }), "clientId");
        AssertRefused(Check(Valid with { ClientSecret = "s3\0cret" }), "clientSecret");
    }

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("googlemail.com")]
    [InlineData("outlook.com")]
    [InlineData("hotmail.com")]
    [InlineData("live.com")]
    [InlineData("msn.com")]
    [InlineData("yahoo.com")]
    [InlineData("icloud.com")]
    [InlineData("me.com")]
    [InlineData("aol.com")]
    [InlineData("proton.me")]
    [InlineData("protonmail.com")]
    [InlineData("gmx.com")]
    [InlineData("gmx.de")]
    [InlineData("web.de")]
    [InlineData("mail.com")]
    [InlineData("yandex.com")]
    [InlineData("zoho.com")]
    public void Every_public_mail_domain_is_refused_even_beside_the_companys_own(string domain) =>
        AssertRefused(Check(Valid with { Domains = ["acme.test", domain] }), "domains", "A public mail domain (such as gmail.com) cannot be claimed");

    [Fact]
    public void Each_domain_rule_says_what_it_wants()
    {
        AssertRefused(Check(Valid with { Domains = null }), "domains", "Name 1 to 20 e-mail domains");
        AssertRefused(Check(Valid with { Domains = ["acme.test", "not a domain"] }), "domains", "A domain is a name such as example.com, without @ or spaces.");
        AssertRefused(Check(Valid with { Domains = ["acme.test", "Acme.test"] }), "domains", "Each domain is named once.");
        AssertRefused(Check(Valid with { DefaultRole = "Owner" }), "defaultRole", "The default role is Member or Admin.");
        AssertRefused(Check(Valid with { RequireSso = true }), "breakGlassAdminIds", "Requiring single sign-on needs at least one break-glass admin");
        AssertRefused(Check(Valid with { BreakGlassAdminIds = [Admin, Admin] }), "breakGlassAdminIds", "Each break-glass admin is named once.");
        AssertRefused(Check(Valid with { BreakGlassAdminIds = [.. Enumerable.Range(0, 11).Select(_ => Guid.NewGuid())] }), "breakGlassAdminIds", "Name at most 10 break-glass admins.");
        Assert.True(Check(Valid with { BreakGlassAdminIds = [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())] }).Succeeded);
    }

    [Fact]
    public void The_issuer_rule_names_the_schemes_this_portal_takes()
    {
        AssertRefused(Check(Valid with { Issuer = "ftp://x" }), "issuer", "The issuer is the provider's absolute https URL, without a query or fragment.");
        AssertRefused(Check(Valid with { Issuer = "ftp://x" }, allowInsecure: true), "issuer", "The issuer is the provider's absolute http or https URL, without a query or fragment.");
        Assert.Null(SsoSettingsRules.CheckIssuer("https://login.acme.test", allowInsecureIssuers: false));
        Assert.Equal("The issuer is the provider's absolute https URL, without a query or fragment.",
            SsoSettingsRules.CheckIssuer("http://login.acme.test", allowInsecureIssuers: false)?.FieldErrors?["issuer"].Single());
    }

    [Fact]
    public void An_issuer_has_at_most_500_characters()
    {
        var longest = "https://login.acme.test/" + new string('a', SsoSettingsRules.UrlMaxLength - "https://login.acme.test/".Length);

        Assert.True(Check(Valid with { Issuer = longest }).Succeeded);
        AssertRefused(Check(Valid with { Issuer = longest + "a" }), "issuer");
    }

    [Fact]
    public void A_domain_has_at_most_253_characters_in_labels_of_letters_digits_and_hyphens()
    {
        var longest = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('z', 61));

        Assert.Equal(253, longest.Length);
        Assert.Equal(longest, SsoSettingsRules.Domain(longest));
        Assert.Null(SsoSettingsRules.Domain(longest + "z"));
        Assert.Equal("zz-top.test", SsoSettingsRules.Domain("ZZ-Top.test"));
        Assert.Null(SsoSettingsRules.Domain("acme_corp.test"));
        Assert.Null(SsoSettingsRules.Domain(""));
    }

    [Fact]
    public void A_secret_is_one_line()
    {
        AssertRefused(Check(Valid with { ClientSecret = "s3\ncret" }), "clientSecret", "The client secret cannot contain control characters");
    }

    private static void AssertRefused(Result<(SsoSettings, string?)> result, string field, string message)
    {
        AssertRefused(result, field);
        Assert.Contains(result.Failure!.FieldErrors![field], m => m.Contains(message, StringComparison.Ordinal));
    }

    private static void AssertRefused(Result<(SsoSettings, string?)> result, string field)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.Invalid, result.Failure.Kind);
        Assert.True(result.Failure.FieldErrors!.ContainsKey(field), $"No error for {field}: {result.Failure.Detail}");
    }
}
