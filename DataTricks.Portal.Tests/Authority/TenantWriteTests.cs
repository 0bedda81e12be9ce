using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>The one rule of who may make which write: admins, members, and staff acting in a customer.</summary>
public sealed class TenantWriteTests
{
    /// <summary>The decision, restated: what staff acting in a customer may change. Everything else is refused to them.</summary>
    private static readonly string[] StaffMay =
        ["customer.rename", "user.rename", "repo.create", "repo.update", "environment.create", "environment.update", "environment.retry", "environment.repair", "operation.cancel"];

    /// <summary>The decision, restated: what a customer's directory may change over SCIM.</summary>
    private static readonly string[] DirectoryMay = ["user.create", "user.rename", "user.change-rights", "group.change", "group.members"];

    private static readonly string[] AnyoneMayForThemselves =
        ["token.create", "token.revoke", "profile.change", "profile.change-password", "profile.sign-out-everywhere"];

    public static TheoryData<string> Writes => [.. TenantWrites.All.Select(w => w.Name)];

    private static TenantWrite Write(string name) => TenantWrites.All.Single(w => w.Name == name);

    [Fact]
    public void Every_write_has_its_own_name()
    {
        Assert.Equal(TenantWrites.All.Count, TenantWrites.All.Select(w => w.Name).Distinct().Count());
        Assert.Subset(TenantWrites.All.Select(w => w.Name).ToHashSet(), StaffMay.Concat(AnyoneMayForThemselves).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public void Admins_may_make_every_write(string name) => Assert.True(Write(name).Permits(isAdmin: true, isImpersonating: false));

    [Theory]
    [MemberData(nameof(Writes))]
    public void Members_may_make_only_the_writes_about_themselves(string name) =>
        Assert.Equal(AnyoneMayForThemselves.Contains(name), Write(name).Permits(isAdmin: false, isImpersonating: false));

    [Theory]
    [MemberData(nameof(Writes))]
    public void Staff_acting_in_a_customer_may_make_only_the_writes_of_the_allowlist(string name)
    {
        Assert.Equal(StaffMay.Contains(name), Write(name).Permits(isAdmin: true, isImpersonating: true));
        Assert.Equal(StaffMay.Contains(name), ImpersonationAllowlist.Allows(Write(name)));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public void The_directory_may_make_only_the_writes_of_its_allowlist(string name)
    {
        Assert.Equal(DirectoryMay.Contains(name), Write(name).Permits(isAdmin: true, isImpersonating: false, isDirectory: true));
        Assert.Equal(DirectoryMay.Contains(name), DirectoryAllowlist.Allows(Write(name)));
    }

    [Fact]
    public void A_write_nobody_has_decided_on_is_refused_to_staff_and_the_directory()
    {
        var undecided = new TenantWrite("feature.new", "try something new");

        Assert.False(undecided.Permits(isAdmin: true, isImpersonating: false, isDirectory: true));
        Assert.False(undecided.Permits(isAdmin: true, isImpersonating: true));
        Assert.True(undecided.Permits(isAdmin: true, isImpersonating: false));
        Assert.Equal("feature.new", undecided.ToString());
    }
}
