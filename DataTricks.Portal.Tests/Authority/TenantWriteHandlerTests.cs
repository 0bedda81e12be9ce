using System.Globalization;
using System.Security.Claims;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Time.Testing;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>The pages' buttons ask the rule the services apply: staff acting in a customer see only what the allowlist names.</summary>
public sealed class TenantWriteHandlerTests
{
    private static readonly Guid CustomerId = Guid.NewGuid();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Writes => [.. TenantWrites.All.Select(w => w.Name)];

    private static TenantWrite Write(string name) => TenantWrites.All.Single(w => w.Name == name);

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Staff_acting_in_a_customer_are_shown_only_the_writes_of_the_allowlist(string name)
    {
        var staff = Principal(new Claim(ClaimTypes.Role, Roles.Support),
            new Claim(TenantClaimTypes.ImpersonatedCustomerId, CustomerId.ToString()),
            new Claim(TenantClaimTypes.ImpersonationExpiresAt, _time.GetUtcNow().AddMinutes(30).ToString("O", CultureInfo.InvariantCulture)));

        Assert.Equal(ImpersonationAllowlist.Allows(Write(name)), await PermitsAsync(staff, Write(name)));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Admins_are_shown_every_write_and_members_those_about_themselves(string name)
    {
        var admin = Principal(new Claim(ClaimTypes.Role, Roles.Admin), new Claim(TenantClaimTypes.CustomerId, CustomerId.ToString()));
        var member = Principal(new Claim(ClaimTypes.Role, Roles.Member), new Claim(TenantClaimTypes.CustomerId, CustomerId.ToString()));

        Assert.True(await PermitsAsync(admin, Write(name)));
        Assert.Equal(!Write(name).AdminOnly, await PermitsAsync(member, Write(name)));
    }

    [Fact]
    public async Task An_impersonation_that_has_run_out_shows_nothing()
    {
        var staff = Principal(new Claim(ClaimTypes.Role, Roles.Support),
            new Claim(TenantClaimTypes.ImpersonatedCustomerId, CustomerId.ToString()),
            new Claim(TenantClaimTypes.ImpersonationExpiresAt, _time.GetUtcNow().AddMinutes(1).ToString("O", CultureInfo.InvariantCulture)));
        Assert.True(await PermitsAsync(staff, TenantWrites.RetryEnvironment));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await PermitsAsync(staff, TenantWrites.RetryEnvironment));
    }

    private async Task<bool> PermitsAsync(ClaimsPrincipal principal, TenantWrite write)
    {
        var requirement = new TenantWriteRequirement();
        var context = new AuthorizationHandlerContext([requirement], principal, write);
        await new TenantWriteHandler(_time).HandleAsync(context);
        return context.HasSucceeded;
    }

    private static ClaimsPrincipal Principal(params Claim[] claims) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), .. claims], "Test"));
}
