using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>Staff acting inside a customer can help, but cannot leave a way back in: no users, passwords, roles or tokens.</summary>
public sealed class ImpersonationLimitsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string SupportAccessAttempt = "view or change support access";

    public static TheoryData<string> RefusedActions =>
        ["create user", "reset password", "promote", "demote", "deactivate", "create token", "grant support access", "revoke support access"];

    [Theory]
    [MemberData(nameof(RefusedActions))]
    public async Task Staff_impersonating_a_customer_are_refused_and_the_attempt_is_audited(string action)
    {
        var (customer, support, memberId) = await ImpersonatingAsync();
        var staffId = await factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == ApiClients.Support).Select(u => u.Id).SingleAsync(Ct));
        var usersBefore = await factory.WithDatabaseAsync(db => db.Users.CountAsync(u => u.CustomerId == customer.Id, Ct));

        var response = action switch
        {
            "create user" => await support.PostAsJsonAsync("/api/v1/users", new { email = "backdoor@customer.test", role = "Admin", password = TestCustomer.Password }, Ct),
            "reset password" => await support.PostAsJsonAsync($"/api/v1/users/{customer.AdminId}/reset-password", new { password = "Backd00r-Passw0rd!" }, Ct),
            "promote" => await support.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { role = "Admin" }, Ct),
            "demote" => await support.PatchAsJsonAsync($"/api/v1/users/{customer.AdminId}", new { role = "Member" }, Ct),
            "deactivate" => await support.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { isActive = false }, Ct),
            "create token" => await support.PostAsJsonAsync("/api/v1/tokens", new { name = "backdoor" }, Ct),
            "grant support access" => await support.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(30) }, Ct),
            _ => await support.DeleteAsync("/api/v1/customer/support-access", Ct),
        };

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("while impersonating", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(usersBefore, await factory.WithDatabaseAsync(db => db.Users.CountAsync(u => u.CustomerId == customer.Id, Ct)));
        Assert.Equal(HttpStatusCode.OK, (await (await customer.AdminAsync()).GetAsync("/api/v1/customer", Ct)).StatusCode);
        var refusals = await factory.WithDatabaseAsync(db => db.AuditEvents
            .Where(e => e.CustomerId == customer.Id && e.Action == "impersonation.refused").ToListAsync(Ct));
        var refusal = Assert.Single(refusals);
        Assert.Equal(staffId, refusal.ImpersonatorUserId);
        var attempt = action switch
        {
            "create user" => "create users",
            "reset password" => "reset passwords",
            "promote" or "demote" or "deactivate" => "change roles or active state",
            "create token" => "create access tokens",
            _ => SupportAccessAttempt,
        };
        Assert.Equal($"Refused while impersonating: {attempt}", refusal.Details);
        Assert.Equal(0, await factory.WithDatabaseAsync(db => db.PersonalAccessTokens.CountAsync(t => t.CustomerId == customer.Id, Ct)));
    }

    [Fact]
    public async Task Staff_impersonating_can_still_help_with_everything_else()
    {
        var (customer, support, memberId) = await ImpersonatingAsync();

        Assert.Equal(HttpStatusCode.OK, (await support.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { displayName = "Renamed by support" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await support.CreateEnvironmentAsync("support-made")).StatusCode);

        var admin = await customer.AdminAsync();
        var name = (await (await admin.GetAsync("/api/v1/customer", Ct)).JsonAsync()).GetProperty("name").GetString();
        var events = (await (await admin.GetAsync("/api/v1/audit-events", Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var rename = Assert.Single(events, e => e.GetProperty("action").GetString() == "user.update");
        Assert.Equal($"{ApiClients.Support} acting in {name}", rename.GetProperty("actor").GetString());
    }

    private async Task<(TestCustomer Customer, HttpClient Support, Guid MemberId)> ImpersonatingAsync()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (memberId, _) = await customer.AddUserAsync("Member");
        var admin = await customer.AdminAsync();
        await admin.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(1) }, Ct);
        var support = await factory.SignedInAsync(ApiClients.Support);
        var started = await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = customer.Id, reason = "Ticket 77" }, Ct);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (customer, support, memberId);
    }
}
