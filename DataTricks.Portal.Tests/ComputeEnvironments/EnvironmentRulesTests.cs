using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

public sealed class EnvironmentRulesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("prod-eu_2", true)]
    [InlineData("2prod", false)]
    [InlineData("prod eu", false)]
    [InlineData("prod\n", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_name_starts_with_a_letter_and_holds_letters_digits_dashes_and_underscores(string? name, bool valid)
    {
        Assert.Equal(valid, ComputeEnvironmentRules.IsValidName(name));
    }

    [Fact]
    public void A_name_has_at_most_64_characters()
    {
        Assert.True(ComputeEnvironmentRules.IsValidName(new string('a', ComputeEnvironmentRules.NameMaxLength)));
        Assert.False(ComputeEnvironmentRules.IsValidName(new string('a', ComputeEnvironmentRules.NameMaxLength + 1)));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 1000, true)]
    [InlineData(0, 1, false)]
    [InlineData(3, 2, false)]
    [InlineData(1, 1001, false)]
    public void Workers_run_from_one_to_a_thousand_with_the_minimum_at_most_the_maximum(int min, int max, bool valid)
    {
        Assert.Equal(valid, ComputeEnvironmentRules.AreValidWorkers(min, max));
    }

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
