using DataTricks.Domain.Common;

namespace DataTricks.Portal.Tests.Common;

public sealed class SortOrderTests
{
    private static readonly string[] Columns = ["name", "created"];
    private static readonly SortOrder ByName = new("name", false);

    [Theory]
    [InlineData("created", "created", false)]
    [InlineData("-Created", "created", true)]
    [InlineData("-name", "name", true)]
    [InlineData("region", "name", false)]
    [InlineData("-", "name", false)]
    [InlineData(" ", "name", false)]
    [InlineData(null, "name", false)]
    public void A_known_column_is_read_with_its_direction_and_anything_else_falls_back(string? text, string column, bool descending)
    {
        Assert.Equal(new SortOrder(column, descending), SortOrder.Parse(text, Columns, ByName));
    }

    [Fact]
    public void An_order_reads_back_as_the_url_writes_it()
    {
        Assert.Equal(["created", "-created"], new[] { "created", "-created" }.Select(t => SortOrder.Parse(t, Columns, ByName).ToString()));
    }

    [Fact]
    public void Applying_an_order_sorts_that_way()
    {
        var numbers = new[] { 2, 3, 1 }.AsQueryable();

        Assert.Equal([1, 2, 3], new SortOrder("n", false).Apply(numbers, n => n));
        Assert.Equal([3, 2, 1], new SortOrder("n", true).Apply(numbers, n => n));
    }
}
