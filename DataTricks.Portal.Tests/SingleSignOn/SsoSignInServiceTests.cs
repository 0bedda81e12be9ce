using DataTricks.Domain.Auditing;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.SingleSignOn;

/// <summary>Who a single sign-on opens: linked by the provider's subject, else by a verified address in the customer's domains, else created.</summary>
public sealed class SsoSignInServiceTests : DomainTest
{
    private const string Issuer = "https://login.acme.test";

    private async Task ConfigureAsync(bool allowJustInTime = true, string defaultRole = Roles.Member, Guid? customerId = null)
    {
        var saved = await Domain.AsCustomerAsync(s => s.GetRequiredService<SsoConnectionService>().PutAsync(
            new SsoSettingsRequest(Issuer, "portal", "s3cret", [customerId is null ? "acme.test" : "other.test"], defaultRole, allowJustInTime, false, null), null, Ct), customerId);
        Assert.True(saved.Succeeded, saved.Failure?.Detail);
    }

    // As the sign-in callback runs it: nobody is signed in yet.
    private Task<(User? User, SsoRefusal? Refusal)> SignInAsync(ProviderIdentity identity, Guid? customerId = null) =>
        Domain.AsAsync(TenantScope.None, s => s.GetRequiredService<SsoSignInService>().SignInAsync(customerId ?? Domain.CustomerId, identity, Ct));

    private static ProviderIdentity Person(string subject = "sub-dora", string email = "dora@acme.test", bool verified = true) => new(subject, email, verified, "Dora Data");

    [Fact]
    public async Task A_new_person_is_created_with_the_default_role_and_linked_to_the_subject()
    {
        await ConfigureAsync(defaultRole: Roles.Admin);

        var (user, refusal) = await SignInAsync(Person());

        Assert.Null(refusal);
        Assert.Equal(("dora@acme.test", "Dora Data", Domain.CustomerId), (user!.Email, user.DisplayName, user.CustomerId));
        var role = await Domain.AsCustomerAsync(s => s.GetRequiredService<UserService>().GetAsync(user.Id, Ct));
        Assert.Equal(Roles.Admin, role.Value!.Role);
        var link = await Domain.AsSystemAsync(db => db.SsoLinks.SingleAsync(Ct));
        Assert.Equal((Issuer, "sub-dora", user.Id), (link.Issuer, link.Subject, link.UserId));
        var audited = await Domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.Action.StartsWith("sso.sign") || e.Action == AuditActions.SsoUserCreated)
            .OrderBy(e => e.Action).Select(e => new { e.Action, e.Details }).ToListAsync(Ct));
        Assert.Equal([AuditActions.SsoSignedIn, AuditActions.SsoUserCreated], audited.Select(e => e.Action));
        Assert.Equal($"dora@acme.test, subject sub-dora at {Issuer}", audited[0].Details);
        Assert.Equal("dora@acme.test as Admin, subject sub-dora", audited[1].Details);
        Assert.True(user.EmailConfirmed);
    }

    [Fact]
    public async Task A_name_the_portal_would_refuse_is_left_out_and_the_address_stands_in()
    {
        await ConfigureAsync();

        var (user, _) = await SignInAsync(Person() with { Name = "Dora\u0001Data" });

        Assert.Equal("dora@acme.test", user!.DisplayName);
    }

    [Fact]
    public async Task A_link_to_the_subject_at_a_former_issuer_does_not_open_the_account()
    {
        await ConfigureAsync();
        var (first, _) = await SignInAsync(Person());
        var moved = await Domain.AsCustomerAsync(s => s.GetRequiredService<SsoConnectionService>().PutAsync(
            new SsoSettingsRequest("https://login.new-provider.test", "portal", null, ["acme.test"], null, true, false, null), null, Ct));
        Assert.True(moved.Succeeded);

        var (other, _) = await SignInAsync(Person(email: "someone.else@acme.test"));

        Assert.NotEqual(first!.Id, other!.Id);
    }

    [Fact]
    public async Task A_person_the_directory_provisioned_without_a_password_signs_in_by_single_sign_on()
    {
        await ConfigureAsync(allowJustInTime: false);
        var provisioned = await Domain.AsAsync(TenantScope.ForDirectory(Domain.CustomerId, "Okta"), s => s.GetRequiredService<DataTricks.Domain.Scim.ScimUserService>().CreateAsync(
            System.Text.Json.Nodes.JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dora@acme.test","displayName":"Dora Data"}"""), Ct));
        var id = Guid.Parse(provisioned["id"]!.GetValue<string>());

        var (user, refusal) = await SignInAsync(Person());

        Assert.Null(refusal);
        Assert.Equal(id, user!.Id);
        Assert.Null(user.PasswordHash);
        Assert.True(user.DirectoryManaged);
    }

    [Theory]
    [InlineData(SsoRefusal.NotConfigured, "does not sign in with single sign-on")]
    [InlineData(SsoRefusal.UnverifiedEmail, "did not confirm your e-mail address is verified")]
    [InlineData(SsoRefusal.ForeignDomain, "outside the domains this customer signs in with")]
    [InlineData(SsoRefusal.NotProvisioned, "You have no account at this customer yet")]
    [InlineData(SsoRefusal.Deactivated, "Your account is deactivated")]
    public void Each_refusal_says_why_in_words(SsoRefusal refusal, string words) =>
        Assert.Contains(words, SsoSignInService.Explain(refusal), StringComparison.Ordinal);

    [Fact]
    public async Task A_refusal_without_an_address_is_audited_as_such()
    {
        await ConfigureAsync();

        await SignInAsync(new ProviderIdentity("sub-nobody", null, false, null));

        var details = await Domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.SsoSignInRefused).Select(e => e.Details).SingleAsync(Ct));
        Assert.StartsWith("(no e-mail), subject sub-nobody:", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_is_routed_to_the_customer_that_claimed_its_domain_only()
    {
        await ConfigureAsync();
        var service = (IServiceProvider s) => s.GetRequiredService<SsoSignInService>();

        var route = await Domain.AsAsync(TenantScope.None, s => service(s).RouteAsync("Dora@ACME.test", Ct));
        var elsewhere = await Domain.AsAsync(TenantScope.None, s => service(s).RouteAsync("dora@other.test", Ct));
        var nonsense = await Domain.AsAsync(TenantScope.None, s => service(s).RouteAsync("not an address", Ct));

        Assert.Equal(new SsoRoute(Domain.CustomerId, "Engine Co", "login.acme.test"), route);
        Assert.Null(elsewhere);
        Assert.Null(nonsense);
    }

    [Fact]
    public async Task A_known_subject_is_the_same_user_even_with_another_address_at_the_provider()
    {
        await ConfigureAsync();
        var (first, _) = await SignInAsync(Person());

        var (again, refusal) = await SignInAsync(Person(email: "dora.data@elsewhere.test"));

        Assert.Null(refusal);
        Assert.Equal(first!.Id, again!.Id);
        Assert.Equal(1, await Domain.AsSystemAsync(db => db.Users.CountAsync(u => u.CustomerId == Domain.CustomerId, Ct)));
    }

    [Fact]
    public async Task An_account_with_the_verified_address_is_linked_rather_than_duplicated()
    {
        await ConfigureAsync(allowJustInTime: false);
        var added = await Domain.AsCustomerAsync(s => s.GetRequiredService<UserService>().CreateAsync(new CreateUserRequest("DORA@acme.test", null, Roles.Member, null), Ct));

        var (user, refusal) = await SignInAsync(Person());

        Assert.Null(refusal);
        Assert.Equal(added.Value!.User.Id, user!.Id);
        Assert.Equal(added.Value.User.Id, await Domain.AsSystemAsync(db => db.SsoLinks.Select(l => l.UserId).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData(false, "dora@acme.test", true, SsoRefusal.UnverifiedEmail)]
    [InlineData(true, "dora@acme.test.evil.test", true, SsoRefusal.ForeignDomain)]
    [InlineData(true, "dora@sub.acme.test", true, SsoRefusal.ForeignDomain)]
    [InlineData(true, "dora@acme.test", false, SsoRefusal.NotProvisioned)]
    public async Task A_person_the_customer_cannot_trust_or_has_not_added_is_refused_and_nothing_is_created(bool verified, string email, bool allowJustInTime, SsoRefusal expected)
    {
        await ConfigureAsync(allowJustInTime);

        var (user, refusal) = await SignInAsync(Person(email: email, verified: verified));

        Assert.Null(user);
        Assert.Equal(expected, refusal);
        Assert.Equal((0, 0), (await Domain.AsSystemAsync(db => db.Users.CountAsync(u => u.CustomerId == Domain.CustomerId, Ct)), await Domain.AsSystemAsync(db => db.SsoLinks.CountAsync(Ct))));
        var details = await Domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.SsoSignInRefused).Select(e => e.Details).SingleAsync(Ct));
        Assert.Contains(SsoSignInService.Explain(expected), details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_user_is_refused_though_linked()
    {
        await ConfigureAsync();
        var (user, _) = await SignInAsync(Person());
        var admin = await Domain.AsCustomerAsync(s => s.GetRequiredService<UserService>().CreateAsync(new CreateUserRequest("ada@acme.test", null, Roles.Admin, null), Ct));
        Assert.True(admin.Succeeded);
        var deactivated = await Domain.AsCustomerAsync(s => s.GetRequiredService<UserService>().UpdateAsync(user!.Id, new UpdateUserRequest(null, null, false), cancellationToken: Ct));
        Assert.True(deactivated.Succeeded, deactivated.Failure?.Detail);

        Assert.Equal(SsoRefusal.Deactivated, (await SignInAsync(Person())).Refusal);
    }

    [Fact]
    public async Task Without_single_sign_on_nobody_is_signed_in_and_a_link_of_another_customer_counts_for_nothing()
    {
        Assert.Equal(SsoRefusal.NotConfigured, (await SignInAsync(Person())).Refusal);
        await ConfigureAsync();
        await ConfigureAsync(customerId: Domain.OtherCustomerId);
        var (acme, _) = await SignInAsync(Person());

        var (other, refusal) = await SignInAsync(Person(email: "dora@other.test"), Domain.OtherCustomerId);

        Assert.Null(refusal);
        Assert.NotEqual(acme!.Id, other!.Id);
        Assert.Equal(Domain.OtherCustomerId, other.CustomerId);
    }

    [Fact]
    public async Task First_sign_ins_of_one_person_at_once_make_one_user_with_one_link()
    {
        await ConfigureAsync();

        // Several rounds of four: the losers lose the user's insert, then maybe the link's, and find the winner's.
        foreach (var round in Enumerable.Range(1, 3))
        {
            var person = Person(subject: $"sub-racer-{round}", email: $"racer{round}@acme.test");
            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SignInAsync(person), Ct)));

            Assert.All(results, r => Assert.Null(r.Refusal));
            Assert.Single(results.Select(r => r.User!.Id).Distinct());
        }
        Assert.Equal((3, 3), (await Domain.AsSystemAsync(db => db.Users.CountAsync(u => u.CustomerId == Domain.CustomerId, Ct)), await Domain.AsSystemAsync(db => db.SsoLinks.CountAsync(Ct))));
    }
}
