using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>Access tokens, personal access tokens and portal cookies act with the role and active state stored now.</summary>
public sealed class RightsFollowTheDatabaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demoted_admins_earlier_access_token_can_no_longer_write()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (secondAdminId, secondAdmin) = await customer.AddUserAsync("Admin");
        var earlier = await factory.SignedInAsync(secondAdmin, TestCustomer.Password);

        await DemoteAsync(customer, secondAdminId);
        var attempt = await earlier.PostAsJsonAsync("/api/v1/users", new { email = "sneaky@customer.test", role = "Admin" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        var now = await factory.SignedInAsync(secondAdmin, TestCustomer.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await now.PostAsJsonAsync("/api/v1/users", new { email = "sneaky@customer.test", role = "Admin" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await now.GetAsync("/api/v1/users", Ct)).StatusCode);
        Assert.False(await factory.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == "sneaky@customer.test", Ct)));
    }

    [Fact]
    public async Task A_reactivated_users_earlier_access_token_stays_dead()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (memberId, member) = await customer.AddUserAsync("Member");
        var earlier = await factory.SignedInAsync(member, TestCustomer.Password);
        var admin = await customer.AdminAsync();

        await admin.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { isActive = false }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.GetAsync("/api/v1/customer", Ct)).StatusCode);
        await admin.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { isActive = true }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInAsync(member, TestCustomer.Password)).GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_personal_access_token_acts_with_its_owners_current_role_and_stops_while_they_are_inactive()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (ownerId, owner) = await customer.AddUserAsync("Admin");
        var created = await (await factory.SignedInAsync(owner, TestCustomer.Password)).PostAsJsonAsync("/api/v1/tokens", new { name = "ci" }, Ct);
        var pat = factory.WithBearer((await created.JsonAsync()).GetProperty("token").GetString()!);
        var admin = await customer.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await pat.PatchAsJsonAsync("/api/v1/customer", new { name = $"Renamed {Guid.NewGuid():N}" }, Ct)).StatusCode);

        await DemoteAsync(customer, ownerId);
        Assert.Equal(HttpStatusCode.Forbidden, (await pat.PatchAsJsonAsync("/api/v1/customer", new { name = "Not allowed" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("/api/v1/customer", Ct)).StatusCode);

        await admin.PatchAsJsonAsync($"/api/v1/users/{ownerId}", new { isActive = false }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pat.GetAsync("/api/v1/customer", Ct)).StatusCode);
        await admin.PatchAsJsonAsync($"/api/v1/users/{ownerId}", new { isActive = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_earlier_access_tokens()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (memberId, member) = await customer.AddUserAsync("Member");
        var earlier = await factory.SignedInAsync(member, TestCustomer.Password);

        var reset = await (await customer.AdminAsync()).PostAsJsonAsync($"/api/v1/users/{memberId}/reset-password", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var generated = (await reset.JsonAsync()).GetProperty("generatedPassword").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInAsync(member, generated)).GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_access_tokens_and_is_audited()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (memberId, member) = await customer.AddUserAsync("Member");
        var earlier = await factory.SignedInAsync(member, TestCustomer.Password);
        var browser = await PortalBrowser.SignInAsync(factory, member, TestCustomer.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/users")).StatusCode);
        var admin = await customer.AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await earlier.PostAsync($"/api/v1/users/{memberId}/sign-out", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{memberId}/sign-out", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/users")).StatusCode);
        var audit = await (await admin.GetAsync("/api/v1/audit-events", Ct)).JsonAsync();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "user.sign-out-everywhere" && e.GetProperty("targetId").GetString() == memberId.ToString());
    }

    [Fact]
    public async Task A_portal_cookie_follows_a_role_change_and_ends_with_a_password_reset()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (adminId, email) = await customer.AddUserAsync("Admin");
        var browser = await PortalBrowser.SignInAsync(factory, email, TestCustomer.Password);
        Assert.Contains("id=\"add-user\"", await browser.PageAsync("/users"));

        await DemoteAsync(customer, adminId);
        var asMember = await browser.PageAsync("/users");
        Assert.DoesNotContain("id=\"add-user\"", asMember);
        Assert.Contains("id=\"user-search\"", asMember);

        await (await customer.AdminAsync()).PostAsJsonAsync($"/api/v1/users/{adminId}/reset-password", new { }, Ct);
        var after = await browser.GetAsync("/users");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location?.PathAndQuery);
    }

    private static async Task DemoteAsync(TestCustomer customer, Guid userId)
    {
        var response = await (await customer.AdminAsync()).PatchAsJsonAsync($"/api/v1/users/{userId}", new { role = "Member" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
