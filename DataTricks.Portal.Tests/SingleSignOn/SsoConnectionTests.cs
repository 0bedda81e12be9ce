using DataTricks.Domain.Common;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Users;

namespace DataTricks.Portal.Tests.SingleSignOn;

/// <summary>The connection's own guards and who it lets use a password, without a database.</summary>
public sealed class SsoConnectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.NewGuid(), Second = Guid.NewGuid(), Stranger = Guid.NewGuid();

    private static SsoSettings Settings(bool requireSso, params Guid[] breakGlass) =>
        new("https://login.acme.test", "portal", ["acme.test"], Roles.Member, false, requireSso, breakGlass);

    [Fact]
    public void A_new_connection_needs_its_secret_and_requiring_it_needs_a_break_glass_admin()
    {
        var connection = SsoConnection.Create(Guid.NewGuid());

        Assert.Equal("A new single sign-on connection needs its client secret.",
            Assert.Throws<DomainException>(() => connection.Configure(Settings(false), null, Now)).Message);
        Assert.Equal("Requiring single sign-on needs at least one break-glass admin.",
            Assert.Throws<DomainException>(() => connection.Configure(Settings(true), "sealed", Now)).Message);
        Assert.Equal(0, connection.Version);
    }

    [Fact]
    public void Once_required_only_a_break_glass_admin_may_use_a_password()
    {
        var connection = SsoConnection.Create(Guid.NewGuid());
        connection.Configure(Settings(false, First), "sealed", Now);
        Assert.True(connection.AllowsPasswordFor(Stranger));

        connection.Configure(Settings(true, First, Second), null, Now);

        Assert.True(connection.AllowsPasswordFor(First));
        Assert.True(connection.AllowsPasswordFor(Second));
        Assert.False(connection.AllowsPasswordFor(Stranger));
        Assert.Equal(("sealed", 2), (connection.ProtectedClientSecret, connection.Version));
    }
}
