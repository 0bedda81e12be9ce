using DataTricks.Domain.Common;
using DataTricks.Domain.SupportAccess;

namespace DataTricks.Portal.Tests.Authority;

public sealed class SupportAccessGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static TheoryData<TimeSpan, bool> Durations => new()
    {
        { TimeSpan.FromHours(1) - Tick, false },
        { TimeSpan.FromHours(1), true },
        { TimeSpan.FromDays(30), true },
        { TimeSpan.FromDays(30) + Tick, false },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void A_grant_lasts_from_one_hour_to_thirty_days_both_included(TimeSpan duration, bool valid)
    {
        Assert.Equal(valid, SupportAccessGrant.IsValidExpiry(Now + duration, Now));
        if (valid)
            Assert.Equal(Now + duration, SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now + duration).ExpiresAt);
        else
            Assert.Equal("Support access lasts from 1 hour to 30 days.",
                Assert.Throws<DomainException>(() => SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now + duration)).Message);
    }

    [Fact]
    public void A_grant_is_active_until_the_instant_it_expires()
    {
        var grant = SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now.AddHours(2));

        Assert.True(grant.IsActiveAt(Now.AddHours(2) - Tick));
        Assert.False(grant.IsActiveAt(Now.AddHours(2)));
    }

    [Fact]
    public void Renewing_moves_the_expiry_and_records_who_renewed_it_when()
    {
        var grant = SupportAccessGrant.Grant(Guid.NewGuid(), Guid.NewGuid(), Now, Now.AddHours(2));
        var admin = Guid.NewGuid();

        grant.Renew(admin, Now.AddHours(1), Now.AddDays(3));

        Assert.Equal((admin, Now.AddHours(1), Now.AddDays(3)), (grant.GrantedByUserId, grant.GrantedAt, grant.ExpiresAt));
        Assert.True(grant.IsActiveAt(Now.AddDays(2)));
    }

    [Fact]
    public void A_revoked_grant_is_inactive_at_once_on_record_and_cannot_be_renewed()
    {
        var grant = SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now.AddDays(1));
        var admin = Guid.NewGuid();

        grant.Revoke(admin, Now.AddHours(1));

        Assert.Equal((Now.AddHours(1), admin, Now.AddHours(1)), (grant.RevokedAt, grant.RevokedByUserId, grant.EndedAt));
        Assert.False(grant.IsActiveAt(Now.AddHours(1)));
        Assert.Equal("An ended support access grant cannot be renewed; grant a new one.",
            Assert.Throws<DomainException>(() => grant.Renew(admin, Now.AddHours(2), Now.AddDays(2))).Message);
    }

    [Fact]
    public void An_expiry_is_recorded_at_the_time_it_happened_and_not_before()
    {
        var grant = SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now.AddHours(2));

        var early = SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now.AddHours(2));
        var onTime = SupportAccessGrant.Grant(Guid.NewGuid(), null, Now, Now.AddHours(2));

        Assert.Equal("The grant has not expired yet.", Assert.Throws<DomainException>(() => early.RecordExpiry(Now.AddHours(2) - Tick)).Message);
        onTime.RecordExpiry(Now.AddHours(2));
        grant.RecordExpiry(Now.AddHours(5));

        Assert.Equal((Now.AddHours(2), Now.AddHours(2)), (grant.EndedAt!.Value, onTime.EndedAt!.Value));
        Assert.Null(grant.RevokedAt);
    }
}
