using DataTricks.Domain.Common;
using DataTricks.Domain.Impersonation;

namespace DataTricks.Portal.Tests.Authority;

public sealed class ImpersonationSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static ImpersonationSession Start(string reason = "Ticket 42", DateTimeOffset? notAfter = null) =>
        ImpersonationSession.Start(Guid.NewGuid(), Guid.NewGuid(), reason, Now, notAfter ?? Now.AddDays(1));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_session_needs_a_reason(string? reason)
    {
        Assert.Equal("An impersonation reason has 1 to 500 characters.", Assert.Throws<DomainException>(() => Start(reason!)).Message);
    }

    [Fact]
    public void A_reason_is_kept_trimmed_and_has_at_most_500_characters()
    {
        Assert.Equal("Ticket 42", Start("  Ticket 42 ").Reason);
        Assert.Equal(500, Start(new string('r', 500)).Reason.Length);
        Assert.Throws<DomainException>(() => Start(new string('r', 501)));
    }

    [Fact]
    public void A_reason_may_span_lines_but_holds_no_other_control_character()
    {
        Assert.Equal("Ticket 42\nThe customer asked on the phone", Start("Ticket 42\nThe customer asked on the phone").Reason);
        Assert.Equal("An impersonation reason cannot contain control characters other than line breaks and tabs.",
            Assert.Throws<DomainException>(() => Start("Ticket\u001b42")).Message);
    }

    [Fact]
    public void A_session_lasts_an_hour_or_until_the_customers_grant_ends_if_that_is_sooner()
    {
        Assert.Equal(Now.AddHours(1), Start().ExpiresAt);
        Assert.Equal(Now.AddMinutes(20), Start(notAfter: Now.AddMinutes(20)).ExpiresAt);
    }

    [Fact]
    public void A_session_is_active_until_the_instant_it_expires_or_ends()
    {
        var session = Start();

        Assert.True(session.IsActiveAt(Now.AddHours(1) - Tick));
        Assert.False(session.IsActiveAt(Now.AddHours(1)));
        session.End(Now.AddMinutes(5));
        Assert.False(session.IsActiveAt(Now.AddMinutes(6)));
    }

    [Fact]
    public void Ending_records_the_first_end_and_never_a_time_past_the_expiry()
    {
        var ended = Start();
        var late = Start();

        ended.End(Now.AddMinutes(5));
        ended.End(Now.AddMinutes(10));
        late.End(Now.AddHours(3));

        Assert.Equal(Now.AddMinutes(5), ended.EndedAt);
        Assert.Equal(Now.AddHours(1), late.EndedAt);
    }
}
