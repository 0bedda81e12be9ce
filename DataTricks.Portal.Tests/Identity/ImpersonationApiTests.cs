using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Identity;

public sealed class ImpersonationApiTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData(ApiClients.AcmeAdmin)]
    [InlineData(ApiClients.AcmeMember)]
    public async Task Customer_users_cannot_impersonate(string email)
    {
        var client = await _factory.SignedInAsync(email);
        var globex = await CustomerIdAsync("Globex");

        var response = await client.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = globex, reason = "curious" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/support/customers", Ct)).StatusCode);
        Assert.Equal(0, await _factory.WithDatabaseAsync(db => db.ImpersonationSessions.CountAsync(Ct)));
    }

    [Fact]
    public async Task Staff_see_no_tenant_data_until_they_impersonate()
    {
        var support = await _factory.SignedInAsync(ApiClients.Support);

        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/audit-events", Ct)).StatusCode);
        var customers = await (await support.GetAsync("/api/v1/support/customers", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Acme Analytics", customers);
        Assert.DoesNotContain("\"DataTricks\"", customers);
        var searched = await (await support.GetAsync("/api/v1/support/customers?q=glob&pageSize=1", Ct)).JsonAsync();
        Assert.Equal(["Globex"], searched.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(1, searched.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Impersonation_needs_a_reason_and_a_real_customer()
    {
        var support = await _factory.SignedInAsync(ApiClients.Support);

        var noReason = await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = await CustomerIdAsync("Globex"), reason = " " }, Ct);
        var unknown = await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = Guid.NewGuid(), reason = "ticket 1" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Actions_while_impersonating_are_audited_with_both_the_staff_user_and_the_customer()
    {
        var support = await _factory.SignedInAsync(ApiClients.Support);
        var globex = await CustomerIdAsync("Globex");

        var started = await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = globex, reason = "Ticket 42: rename" }, Ct);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var customer = await (await support.GetAsync("/api/v1/customer", Ct)).JsonAsync();
        Assert.Equal("Globex", customer.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await support.PatchAsJsonAsync("/api/v1/customer", new { name = "Globex Corp" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await support.DeleteAsync("/api/v1/support/impersonation", Ct)).StatusCode);

        var globexAdmin = await _factory.SignedInAsync(ApiClients.GlobexAdmin);
        var events = (await (await globexAdmin.GetAsync("/api/v1/audit-events", Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var staffId = await UserIdAsync(ApiClients.Support);
        foreach (var action in new[] { "impersonation.start", "customer.rename", "impersonation.end" })
        {
            var recorded = Assert.Single(events, e => e.GetProperty("action").GetString() == action);
            Assert.Equal(staffId, recorded.GetProperty("actorUserId").GetGuid());
            Assert.Equal(staffId, recorded.GetProperty("impersonatorUserId").GetGuid());
        }
        Assert.Contains("Ticket 42", events.Single(e => e.GetProperty("action").GetString() == "impersonation.start").GetProperty("details").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task Impersonation_stops_granting_access_after_60_minutes()
    {
        var support = await _factory.SignedInAsync(ApiClients.Support);
        await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = await CustomerIdAsync("Globex"), reason = "Ticket 7" }, Ct);

        _factory.Time.Advance(TimeSpan.FromMinutes(59));
        // A fresh access token, so only the impersonation, not the token, runs out.
        var fresh = await _factory.SignedInAsync(ApiClients.Support);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/customer", Ct)).StatusCode);

        _factory.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fresh.GetAsync("/api/v1/support/impersonation", Ct)).StatusCode);
    }

    private Task<Guid> CustomerIdAsync(string name) =>
        _factory.WithDatabaseAsync(db => db.Customers.Where(c => c.Name == name).Select(c => c.Id).SingleAsync(Ct));

    private Task<Guid> UserIdAsync(string email) =>
        _factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
}
