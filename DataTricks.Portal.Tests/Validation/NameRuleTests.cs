using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Tests.Validation;

public sealed class NameRuleTests
{
    private static readonly NameRule Rule = new("The name", 10);

    [Theory]
    [InlineData("abc\n", "control")]
    [InlineData("a\tb", "control")]
    [InlineData("a\0b", "control")]
    [InlineData("a\u001b[31mb", "control")]
    [InlineData("ab\u202Ecd", "text-direction")]
    [InlineData("a\u2066b\u2069", "text-direction")]
    [InlineData("\u200B\u200B", "visible")]
    [InlineData("\u200D\uFEFF", "visible")]
    [InlineData("   ", "1 to 10")]
    [InlineData("", "1 to 10")]
    [InlineData("elevenchars", "1 to 10")]
    public void Names_with_hidden_or_misleading_characters_are_refused(string raw, string expectedProblem)
    {
        var check = Rule.Check(raw);

        Assert.False(check.IsValid);
        Assert.Contains(expectedProblem, check.Problem);
        Assert.StartsWith("The name", check.Problem);
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        // Built here: theory data would be re-encoded on its way to the test and lose the lone surrogate.
        var check = Rule.Check("a" + (char)0xD800 + "b");

        Assert.Contains("not valid text", check.Problem);
    }

    [Fact]
    public void Names_are_trimmed_of_spaces_and_normalized_to_nfc()
    {
        // "e" followed by a combining acute accent becomes the single character é.
        var check = Rule.Check("  Cafe\u0301 ");

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal("Caf\u00e9", check.Value);
    }

    [Theory]
    [InlineData("Ünïcödé")]
    [InlineData("数据")]
    [InlineData("a b")]
    [InlineData("x")]
    [InlineData("tenchars10")]
    public void Ordinary_names_pass(string raw) => Assert.True(Rule.Check(raw).IsValid, Rule.Check(raw).Problem);

    [Theory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("\nabc")]
    [InlineData("ab c")]
    [InlineData("1abc")]
    public void Environment_names_are_matched_to_the_very_end(string raw) =>
        Assert.False(ComputeEnvironmentRules.IsValidName(ComputeEnvironmentRules.CleanName(raw)));

    [Fact]
    public void Environment_names_are_trimmed_before_their_pattern() =>
        Assert.Equal("analytics", ComputeEnvironmentRules.CleanName(" analytics "));
}
