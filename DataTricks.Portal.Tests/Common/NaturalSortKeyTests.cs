using DataTricks.Domain.Common;

namespace DataTricks.Portal.Tests.Common;

public sealed class NaturalSortKeyTests
{
    [Fact]
    public void Names_with_numbers_sort_as_people_read_them_under_plain_ordinal_order()
    {
        string[] names = ["Bulk User 10", "bulk user 2", "Bulk User 1", "Bulk User 002b", "Bulk User 100", "Bulk User", "alpha", "Bulk User 2a"];

        var sorted = names.OrderBy(NaturalSortKey.Of, StringComparer.Ordinal).ToList();

        Assert.Equal(["alpha", "Bulk User", "Bulk User 1", "bulk user 2", "Bulk User 2a", "Bulk User 002b", "Bulk User 10", "Bulk User 100"], sorted);
    }

    [Theory]
    [InlineData("env-007", "ENV-017")]
    [InlineData("0", "010")]
    [InlineData("10", "0210")]
    [InlineData("x", "X")]
    public void The_key_drops_leading_zeros_and_prefixes_each_number_with_its_length(string name, string key) =>
        Assert.Equal(key, NaturalSortKey.Of(name));

    [Theory]
    [InlineData("1")]
    [InlineData("a1b2c3d4")]
    [InlineData("12345678901234567890")]
    public void A_key_fits_the_length_its_column_allows(string name) =>
        Assert.True(NaturalSortKey.Of(name).Length <= NaturalSortKey.MaxLengthFor(name.Length));
}
