using System.Net;
using System.Net.Http.Json;
using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>
/// An open page keeps the rights it learned when it opened; each call it makes is judged by the rights the database
/// holds at that moment instead, whichever node changed them.
/// </summary>
public sealed class OpenPageRightsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_of_an_admin_demoted_meanwhile_is_refused_an_admin_action()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (otherAdminId, _) = await customer.AddUserAsync("Admin");
        await using var circuit = factory.Services.CreateAsyncScope();
        var users = OpenPage.Calling<UserService>(circuit, TenantScope.ForAdmin(customer.Id, otherAdminId));

        var demoted = await (await customer.AdminAsync()).PatchAsJsonAsync($"/api/v1/users/{otherAdminId}", new { role = "Member" }, Ct);
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        var created = await users.RunAsync(s => s.CreateAsync(new CreateUserRequest("late@customer.test", "Late", Roles.Member, null), Ct));

        Assert.Equal(FailureKind.Forbidden, created.Failure?.Kind);
        Assert.True((await users.RunAsync(s => s.ListAsync(new ListQuery(null, 0, 10), Ct))).TotalCount > 0, "a member still reads");
    }

    [Fact]
    public async Task Rights_are_read_afresh_for_people_and_kept_for_scopes_of_nobody()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (memberId, _) = await customer.AddUserAsync("Member");
        var admin = await customer.AdminAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var rights = scope.ServiceProvider.GetRequiredService<CurrentRights>();

        Assert.Equal(TenantScope.ForCustomer(customer.Id, memberId), await rights.RefreshAsync(TenantScope.ForAdmin(customer.Id, memberId), Ct));
        Assert.Equal(TenantScope.ForAdmin(customer.Id, customer.AdminId), await rights.RefreshAsync(TenantScope.ForCustomer(customer.Id, customer.AdminId), Ct));
        Assert.Equal(TenantScope.ForAdmin(customer.Id), await rights.RefreshAsync(TenantScope.ForAdmin(customer.Id), Ct));
        Assert.Equal(TenantScope.System, await rights.RefreshAsync(TenantScope.System, Ct));

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/users/{memberId}", new { isActive = false }, Ct)).StatusCode);
        Assert.Equal(TenantScope.None, await rights.RefreshAsync(TenantScope.ForCustomer(customer.Id, memberId), Ct));
    }

    [Fact]
    public async Task Staff_whose_impersonation_ended_elsewhere_see_the_customer_no_more()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        await admin.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(1) }, Ct);
        var support = await factory.SignedInAsync(ApiClients.Support);
        Assert.Equal(HttpStatusCode.Created, (await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = customer.Id, reason = "Ticket 9" }, Ct)).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var rights = scope.ServiceProvider.GetRequiredService<CurrentRights>();
        var staffUserId = await factory.WithDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.Email == ApiClients.Support).Id));
        var acting = await rights.RefreshAsync(new TenantScope(null, staffUserId), Ct);
        Assert.Equal(customer.Id, acting.CustomerId);
        Assert.True(acting.IsImpersonation);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/customer/support-access", Ct)).StatusCode);

        Assert.Equal(new TenantScope(null, staffUserId), await rights.RefreshAsync(acting, Ct));
    }
}
