using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.SingleSignOn;

/// <summary>A customer's single sign-on settings: who may read and change them, what is stored, and the rules across customers.</summary>
public sealed class SsoConnectionServiceTests : DomainTest
{
    // Nothing listens there: a connection test fails at once.
    private const string DeadIssuer = "https://127.0.0.1:9";

    private static SsoSettingsRequest Request(params string[] domains) =>
        new(DeadIssuer, "portal", "s3cret", domains.Length == 0 ? ["acme.test"] : domains, null, null, null, null);

    private Task<Result<SsoSettingsView>> PutAsync(SsoSettingsRequest request, Guid? customerId = null, VersionMatch? ifMatch = null) =>
        Domain.AsCustomerAsync(s => s.GetRequiredService<SsoConnectionService>().PutAsync(request, ifMatch, Ct), customerId);

    private Task<Result<SsoSettingsView>> GetAsync(TenantScope? scope = null) =>
        Domain.AsAsync(scope ?? TenantScope.ForAdmin(Domain.CustomerId), s => s.GetRequiredService<SsoConnectionService>().GetAsync(Ct));

    [Fact]
    public async Task Settings_are_stored_with_the_secret_sealed_and_read_back_without_it()
    {
        var saved = await PutAsync(Request("Acme.test", "eu.acme.test"));

        Assert.True(saved.Succeeded, saved.Failure?.Detail);
        var read = (await GetAsync()).Value!;
        Assert.Equal((DeadIssuer, "portal", true, Roles.Member, 1), (read.Issuer, read.ClientId, read.HasClientSecret, read.DefaultRole, read.Version));
        Assert.Equal(["acme.test", "eu.acme.test"], read.Domains);
        Assert.Equal($"/signin-oidc/{Domain.CustomerId}", read.RedirectPath);
        var sealedSecret = await Domain.AsSystemAsync(db => db.SsoConnections.Select(c => c.ProtectedClientSecret).SingleAsync(Ct));
        Assert.DoesNotContain("s3cret", sealedSecret, StringComparison.Ordinal);
        var unsealed = Domain.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SsoConnectionService.SecretPurpose).Unprotect(sealedSecret);
        Assert.Equal("s3cret", unsealed);
    }

    [Fact]
    public async Task A_replacement_without_a_secret_keeps_the_stored_one_and_replaces_the_rest()
    {
        await PutAsync(Request("acme.test", "old.acme.test"));
        var before = await Domain.AsSystemAsync(db => db.SsoConnections.Select(c => c.ProtectedClientSecret).SingleAsync(Ct));

        var replaced = await PutAsync(Request("acme.test", "new.acme.test") with { ClientSecret = null, DefaultRole = Roles.Admin, AllowJustInTime = true });

        Assert.True(replaced.Succeeded, replaced.Failure?.Detail);
        Assert.Equal(["acme.test", "new.acme.test"], replaced.Value.Domains);
        Assert.Equal((Roles.Admin, true, 2), (replaced.Value.DefaultRole, replaced.Value.AllowJustInTime, replaced.Value.Version));
        Assert.Equal(before, await Domain.AsSystemAsync(db => db.SsoConnections.Select(c => c.ProtectedClientSecret).SingleAsync(Ct)));
        Assert.Equal(2, await Domain.AsSystemAsync(db => db.SsoDomains.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_domain_another_customer_signs_in_with_is_refused_naming_it_and_nothing_changes()
    {
        Assert.True((await PutAsync(Request("acme.test"), Domain.OtherCustomerId)).Succeeded);

        var refused = await PutAsync(Request("mine.test", "ACME.test"));

        Assert.Equal(ProblemCodes.DomainClaimed, refused.Failure?.Code);
        Assert.Equal(new[] { "acme.test" }, (IReadOnlyList<string>)refused.Failure!.Extensions!["domains"]!);
        Assert.Equal(FailureKind.NotFound, (await GetAsync()).Failure?.Kind);
    }

    [Fact]
    public async Task Two_customers_claiming_one_domain_at_once_leave_it_to_one_of_them()
    {
        var results = await Task.WhenAll(
            Task.Run(() => PutAsync(Request("contested.test")), Ct),
            Task.Run(() => PutAsync(Request("contested.test"), Domain.OtherCustomerId), Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Failure?.Code == ProblemCodes.DomainClaimed);
        Assert.Equal(1, await Domain.AsSystemAsync(db => db.SsoDomains.CountAsync(d => d.Name == "contested.test", Ct)));
    }

    [Fact]
    public async Task Break_glass_admins_must_be_active_admins_of_the_customer()
    {
        var admin = await UserAsync("ada@acme.test", Roles.Admin);
        var member = await UserAsync("mo@acme.test", Roles.Member);
        var foreignAdmin = await UserAsync("gina@globex.test", Roles.Admin, Domain.OtherCustomerId);

        foreach (var stranger in new[] { member, foreignAdmin })
        {
            var refused = await PutAsync(Request() with { BreakGlassAdminIds = [admin, stranger] });
            Assert.Equal(FailureKind.Invalid, refused.Failure?.Kind);
            Assert.Contains(stranger.ToString(), refused.Failure!.FieldErrors!["breakGlassAdminIds"][0], StringComparison.Ordinal);
        }
        var accepted = await PutAsync(Request() with { BreakGlassAdminIds = [admin] });
        Assert.Equal([admin], accepted.Value!.BreakGlassAdminIds);
    }

    [Fact]
    public async Task Single_sign_on_cannot_be_required_while_its_connection_test_fails()
    {
        var admin = await UserAsync("ada@acme.test", Roles.Admin);

        var refused = await PutAsync(Request() with { RequireSso = true, BreakGlassAdminIds = [admin] });

        Assert.Equal(ProblemCodes.SsoCheckFailed, refused.Failure?.Code);
        Assert.Contains("could not be reached", refused.Failure!.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await Domain.AsSystemAsync(db => db.SsoConnections.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_stale_version_is_refused()
    {
        await PutAsync(Request());

        var stale = await PutAsync(Request(), ifMatch: new VersionMatch(new HashSet<long> { 7 }));

        Assert.Equal(FailureKind.PreconditionFailed, stale.Failure?.Kind);
        Assert.True((await PutAsync(Request(), ifMatch: new VersionMatch(new HashSet<long> { 1 }))).Succeeded);
    }

    [Fact]
    public async Task Members_can_neither_read_nor_change_it_and_staff_acting_in_the_customer_read_it_only()
    {
        await PutAsync(Request());
        var member = TenantScope.ForCustomer(Domain.CustomerId, Guid.NewGuid());
        var staff = TenantScope.ForImpersonation(Domain.CustomerId, Guid.NewGuid(), Domain.Time.GetUtcNow().AddHours(1));

        Assert.Equal(FailureKind.Forbidden, (await GetAsync(member)).Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, (await Domain.AsAsync(member, s => s.GetRequiredService<SsoConnectionService>().PutAsync(Request(), null, Ct))).Failure?.Kind);
        Assert.True((await GetAsync(staff)).Succeeded);
        var staffPut = await Domain.AsAsync(staff, s => s.GetRequiredService<SsoConnectionService>().PutAsync(Request(), null, Ct));
        var staffDelete = await Domain.AsAsync(staff, s => s.GetRequiredService<SsoConnectionService>().DeleteAsync(Ct));
        Assert.Equal((ProblemCodes.ImpersonationRefused, ProblemCodes.ImpersonationRefused), (staffPut.Failure?.Code, staffDelete.Failure?.Code));
        Assert.Equal(1, (await GetAsync()).Value!.Version);
    }

    [Fact]
    public async Task Removing_it_is_audited_and_then_there_is_none()
    {
        await PutAsync(Request());

        var removed = await Domain.AsCustomerAsync(s => s.GetRequiredService<SsoConnectionService>().DeleteAsync(Ct));

        Assert.True(removed.Succeeded);
        Assert.Equal(FailureKind.NotFound, (await GetAsync()).Failure?.Kind);
        Assert.Equal(0, await Domain.AsSystemAsync(db => db.SsoDomains.CountAsync(Ct)));
        var actions = await Domain.AsSystemAsync(db => db.AuditEvents.Select(e => e.Action).OrderBy(a => a).ToListAsync(Ct));
        Assert.Equal([AuditActions.SsoConfigured, AuditActions.SsoRemoved], actions);
        Assert.Equal(FailureKind.NotFound, (await Domain.AsCustomerAsync(s => s.GetRequiredService<SsoConnectionService>().DeleteAsync(Ct))).Failure?.Kind);
    }

    private Task<Guid> UserAsync(string email, string role, Guid? customerId = null) =>
        Domain.AsCustomerAsync(async s =>
        {
            var created = await s.GetRequiredService<UserService>().CreateAsync(new CreateUserRequest(email, null, role, "a-Long-password-1"), Ct);
            Assert.True(created.Succeeded, created.Failure?.Detail);
            return created.Value.User.Id;
        }, customerId);
}
