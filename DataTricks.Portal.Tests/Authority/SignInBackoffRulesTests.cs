using DataTricks.Portal.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>The pauses after wrong passwords: free ones, then doubling up to the maximum, per account and address, forgotten after a day.</summary>
public sealed class SignInBackoffRulesTests
{
    private static readonly RateLimitingOptions Limits = new() { SignInFreeFailures = 2, SignInMaxDelay = TimeSpan.FromSeconds(10) };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    private SignInBackoff NewBackoff() => new(Options.Create(Limits), _time);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 8)]
    [InlineData(7, 10)]
    [InlineData(100, 10)]
    public void Waits_double_after_the_free_failures_up_to_the_maximum(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInBackoff.WaitAfter(failures, Limits));

    [Fact]
    public void A_pause_starts_once_and_holds_only_that_account_from_that_address()
    {
        var backoff = NewBackoff();

        Assert.Equal(new SignInBackoff.Pause(TimeSpan.Zero, false), backoff.Failed("Ana@Acme.test", "10.0.0.1"));
        Assert.Equal(new SignInBackoff.Pause(TimeSpan.Zero, false), backoff.Failed("ana@acme.test ", "10.0.0.1"));
        Assert.Equal(new SignInBackoff.Pause(TimeSpan.FromSeconds(1), true), backoff.Failed("ana@acme.test", "10.0.0.1"));

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.RetryAfter("ANA@ACME.TEST", "10.0.0.1"));
        Assert.Null(backoff.RetryAfter("ana@acme.test", "10.0.0.2"));
        Assert.Null(backoff.RetryAfter("bob@acme.test", "10.0.0.1"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(backoff.RetryAfter("ana@acme.test", "10.0.0.1"));
        Assert.Equal(new SignInBackoff.Pause(TimeSpan.FromSeconds(2), false), backoff.Failed("ana@acme.test", "10.0.0.1"));
    }

    [Fact]
    public void A_success_clears_the_count()
    {
        var backoff = NewBackoff();
        for (var i = 0; i < 3; i++)
            backoff.Failed("ana@acme.test", "10.0.0.1");

        backoff.Succeeded("ana@acme.test", "10.0.0.1");

        Assert.Null(backoff.RetryAfter("ana@acme.test", "10.0.0.1"));
        Assert.Equal(TimeSpan.Zero, backoff.Failed("ana@acme.test", "10.0.0.1").Wait);
    }

    [Fact]
    public void Failures_a_day_old_are_forgotten()
    {
        var backoff = NewBackoff();
        for (var i = 0; i < 5; i++)
            backoff.Failed("ana@acme.test", "10.0.0.1");

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, backoff.Failed("ana@acme.test", "10.0.0.1").Wait);
    }
}
