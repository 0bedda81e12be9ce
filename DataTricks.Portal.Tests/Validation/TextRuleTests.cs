using DataTricks.Domain.Common;

namespace DataTricks.Portal.Tests.Validation;

/// <summary>Free text (descriptions, reasons): clean, trimmed, in NFC, within its length; line breaks only where it may span lines.</summary>
public sealed class TextRuleTests
{
    private static readonly TextRule Optional = new("The description", 10, multiline: true, required: false);
    private static readonly TextRule OneLine = new("The reason", 10, multiline: false, required: true);

    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData(" a\r\n\tb ", "a\r\n\tb")]
    [InlineData("Cafe\u0301", "Caf\u00e9")]
    [InlineData("tenchars10", "tenchars10")]
    public void Optional_multiline_text_is_kept_cleaned(string? raw, string kept)
    {
        var check = Optional.Check(raw);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(kept, check.Value);
    }

    [Theory]
    [InlineData("a\0b", "The description cannot contain control characters other than line breaks and tabs.")]
    [InlineData("a\u001bb", "The description cannot contain control characters other than line breaks and tabs.")]
    [InlineData("a\u0085b", "The description cannot contain control characters other than line breaks and tabs.")]
    [InlineData("elevenchars", "The description has at most 10 characters.")]
    public void Optional_text_refuses_controls_and_length(string raw, string problem) => Assert.Equal(problem, Optional.Check(raw).Problem);

    [Theory]
    [InlineData(null, "The reason has 1 to 10 characters.")]
    [InlineData(" ", "The reason has 1 to 10 characters.")]
    [InlineData("elevenchars", "The reason has 1 to 10 characters.")]
    [InlineData("a\nb", "The reason cannot contain control characters such as line breaks or tabs.")]
    [InlineData("a\tb", "The reason cannot contain control characters such as line breaks or tabs.")]
    public void Required_single_line_text_is_refused_with_its_reason(string? raw, string problem) => Assert.Equal(problem, OneLine.Check(raw).Problem);

    [Fact]
    public void A_lone_surrogate_is_not_text()
    {
        var broken = new string(['\ud800', 'x']);

        Assert.Equal("The reason contains characters that are not valid text.", OneLine.Check(broken).Problem);
        Assert.Equal(broken, OneLine.Check(broken).Value);
    }

    [Fact]
    public void Required_text_passes_with_one_character_and_with_its_full_length()
    {
        Assert.True(OneLine.Check("x").IsValid);
        Assert.True(OneLine.Check("tenchars10").IsValid);
        Assert.Equal(10, OneLine.MaxLength);
    }
}
