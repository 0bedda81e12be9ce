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

    [Theory]
    [InlineData('\u061C')]
    [InlineData('\u200E')]
    [InlineData('\u200F')]
    [InlineData('\u202A')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2069')]
    public void Every_text_direction_control_is_refused(char control)
    {
        Assert.Contains("text-direction", Rule.Check($"a{control}b").Problem);
    }

    // The characters just outside each group of direction controls.
    [Theory]
    [InlineData('\u061B')]
    [InlineData('\u061D')]
    [InlineData('\u200D')]
    [InlineData('\u2010')]
    [InlineData('\u2029')]
    [InlineData('\u202F')]
    [InlineData('\u2065')]
    [InlineData('\u206A')]
    public void The_neighbours_of_the_direction_controls_are_not_refused_as_such(char neighbour)
    {
        Assert.DoesNotContain("text-direction", Rule.Check($"a{neighbour}b").Problem ?? "");
    }

    [Theory]
    [InlineData('\u115F')]
    [InlineData('\u1160')]
    [InlineData('\u3164')]
    [InlineData('\uFFA0')]
    [InlineData('\u2800')]
    public void A_name_of_hangul_fillers_or_braille_blanks_has_nothing_visible(char blank)
    {
        Assert.Contains("visible", Rule.Check($"{blank}{blank}").Problem);
        Assert.True(Rule.Check($"{blank}a").IsValid);
    }

    [Theory]
    [InlineData('\u115E')]
    [InlineData('\u1161')]
    [InlineData('\uFFA1')]
    [InlineData('\u2801')]
    public void The_neighbours_of_the_blanks_are_visible(char neighbour) => Assert.True(Rule.Check($"{neighbour}").IsValid);

    [Fact]
    public void Characters_outside_the_basic_plane_are_valid_text_wherever_they_stand()
    {
        // Built here, for the same reason as the lone surrogate below.
        var face = char.ConvertFromUtf32(0x1F600);

        Assert.True(Rule.Check(face).IsValid, Rule.Check(face).Problem);
        Assert.True(Rule.Check("a" + face).IsValid);
        Assert.Contains("not valid text", Rule.Check("a" + face[0]).Problem);
        Assert.Contains("not valid text", Rule.Check(face[1] + "a").Problem);
    }

    [Fact]
    public void An_invalid_name_is_returned_as_given_for_the_form_to_show()
    {
        var lone = "a" + (char)0xD800;

        Assert.Equal(lone, Rule.Check(lone).Value);
        Assert.Equal("", Rule.Check(null).Value);
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
