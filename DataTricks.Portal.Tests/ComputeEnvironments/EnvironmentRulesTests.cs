using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

public sealed class EnvironmentRulesTests
{
    [Fact]
    public void A_name_is_cleaned_before_its_rule_and_no_name_stays_none()
    {
        Assert.Equal("prod", ComputeEnvironmentRules.CleanName("  prod "));
        Assert.Null(ComputeEnvironmentRules.CleanName(null));
        // What cannot be cleaned is left for the rule to refuse.
        Assert.Equal("\ud800x", ComputeEnvironmentRules.CleanName("\ud800x"));
    }

    [Fact]
    public void An_idempotency_key_is_forgotten_exactly_24_hours_after_its_create()
    {
        var now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        var record = IdempotencyRecord.For(Guid.NewGuid(), "key-1", "hash", Guid.NewGuid(), now);

        Assert.False(record.IsExpired(now.AddHours(24).AddTicks(-1)));
        Assert.True(record.IsExpired(now.AddHours(24)));
    }
}
