using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>Staff reach a customer only while its admins grant support access; revoking ends their access at once.</summary>
public sealed class SupportAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_customer_starts_with_support_access_off_and_staff_are_refused()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var support = await factory.SignedInAsync(ApiClients.Support);

        Assert.Equal(HttpStatusCode.NotFound, (await (await customer.AdminAsync()).GetAsync("/api/v1/customer/support-access", Ct)).StatusCode);
        var refused = await StartImpersonationAsync(support, customer.Id);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("has not granted support access", (await refused.JsonAsync()).GetProperty("detail").GetString());
        // The staff user may still be acting in a customer another test granted; never in this one.
        var current = await support.GetAsync("/api/v1/customer", Ct);
        Assert.True(current.StatusCode == HttpStatusCode.Forbidden || (await current.JsonAsync()).GetProperty("id").GetGuid() != customer.Id,
            "Support reached a customer that never granted access.");
    }

    [Fact]
    public async Task A_granted_customer_can_be_impersonated_and_staff_see_who_granted_it_until_when()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var until = factory.Time.GetUtcNow().AddDays(2);
        var granted = await GrantAsync(customer, until);
        var support = await factory.SignedInAsync(ApiClients.Support);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(customer.AdminEmail, (await granted.JsonAsync()).GetProperty("grantedBy").GetString());
        Assert.Equal(HttpStatusCode.Created, (await StartImpersonationAsync(support, customer.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/customer", Ct)).StatusCode);
        var listed = await (await support.GetAsync($"/api/v1/support/customers?q={Uri.EscapeDataString(await NameAsync(customer))}", Ct)).JsonAsync();
        var row = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(until, row.GetProperty("supportAccessUntil").GetDateTimeOffset());
        Assert.Equal(customer.AdminEmail, row.GetProperty("supportAccessGrantedBy").GetString());
    }

    [Fact]
    public async Task Revoking_ends_a_running_impersonation_at_once_and_both_are_audited()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        await GrantAsync(customer, factory.Time.GetUtcNow().AddHours(3));
        var support = await factory.SignedInAsync(ApiClients.Support);
        await StartImpersonationAsync(support, customer.Id);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/api/v1/customer", Ct)).StatusCode);
        var admin = await customer.AdminAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/customer/support-access", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync("/api/v1/support/impersonation", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StartImpersonationAsync(support, customer.Id)).StatusCode);
        var actions = await ActionsAsync(admin);
        Assert.Contains("support-access.grant", actions);
        Assert.Contains("support-access.revoke", actions);
        Assert.Contains("impersonation.end", actions);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(24 * 31)]
    [InlineData(-1)]
    public async Task A_grant_lasts_from_one_hour_to_thirty_days(double hours)
    {
        var customer = await TestCustomer.SignUpAsync(factory);

        var response = await GrantAsync(customer, factory.Time.GetUtcNow().AddHours(hours));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("expiresAt", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await (await customer.AdminAsync()).GetAsync("/api/v1/customer/support-access", Ct)).StatusCode);
    }

    [Fact]
    public async Task Members_cannot_see_or_change_support_access()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, member) = await customer.AddUserAsync("Member");
        var client = await factory.SignedInAsync(member, TestCustomer.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/customer/support-access", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(1) }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_grant_ends_access_and_its_expiry_is_audited()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        await GrantAsync(customer, factory.Time.GetUtcNow().AddHours(1));
        var support = await factory.SignedInAsync(ApiClients.Support);
        await StartImpersonationAsync(support, customer.Id);

        factory.Time.Advance(TimeSpan.FromMinutes(61));

        var fresh = await factory.SignedInAsync(ApiClients.Support);
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.GetAsync("/api/v1/customer", Ct)).StatusCode);
        var admin = await customer.AdminAsync();
        await Eventually.HoldsAsync(async () => (await ActionsAsync(admin)).Contains("support-access.expire"), "the expiry of the grant in the audit log");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/customer/support-access", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GrantAsync(customer, factory.Time.GetUtcNow().AddHours(2))).StatusCode);
    }

    private static async Task<HttpResponseMessage> GrantAsync(TestCustomer customer, DateTimeOffset expiresAt) =>
        await (await customer.AdminAsync()).PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt }, Ct);

    private static Task<HttpResponseMessage> StartImpersonationAsync(HttpClient support, Guid customerId) =>
        support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId, reason = "Ticket 9" }, Ct);

    private static async Task<string> NameAsync(TestCustomer customer) =>
        (await (await (await customer.AdminAsync()).GetAsync("/api/v1/customer", Ct)).JsonAsync()).GetProperty("name").GetString()!;

    private static async Task<List<string?>> ActionsAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/api/v1/audit-events?pageSize=100", Ct)).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
}
