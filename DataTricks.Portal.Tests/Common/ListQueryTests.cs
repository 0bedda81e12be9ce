using DataTricks.Domain.Common;

namespace DataTricks.Portal.Tests.Common;

public sealed class ListQueryTests
{
    [Theory]
    [InlineData(null, 25)]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    public void A_page_size_from_1_to_100_is_taken_and_none_means_25(int? pageSize, int limit)
    {
        var query = ListQuery.FromApi(null, pageSize, null);

        Assert.Equal((0, limit), (query.Value!.Offset, query.Value.Limit));
    }

    [Theory]
    [InlineData(null, 0, null, "pageSize")]
    [InlineData(null, 101, null, "pageSize")]
    [InlineData(null, null, "!!", "pageToken")]
    [InlineData("\u0007bell", null, null, "q")]
    public void A_bad_parameter_names_its_field(string? search, int? pageSize, string? pageToken, string field)
    {
        var query = ListQuery.FromApi(search, pageSize, pageToken);

        Assert.Equal([field], query.Failure!.FieldErrors!.Keys);
    }

    [Fact]
    public void Each_refusal_says_what_is_allowed()
    {
        var pageSize = ListQuery.FromApi(new string('a', 101), 0, "!!").Failure!.FieldErrors!;
        var control = ListQuery.FromApi("a\u0007", null, null).Failure!.FieldErrors!;

        Assert.Equal("pageSize is 1 to 100.", Assert.Single(pageSize["pageSize"]));
        Assert.Equal("pageToken is not one this API returned.", Assert.Single(pageSize["pageToken"]));
        Assert.Equal("q has at most 100 characters.", Assert.Single(pageSize["q"]));
        Assert.Equal("q cannot contain control characters.", Assert.Single(control["q"]));
    }

    [Theory]
    [InlineData("name", true)]
    [InlineData("-created", true)]
    [InlineData("Name", false)]
    [InlineData("--name", false)]
    [InlineData("size", false)]
    public void A_sort_is_one_of_the_lists_columns_up_or_down(string sort, bool taken)
    {
        var query = ListQuery.FromApi(null, null, null, sort, ["name", "created"]);

        Assert.Equal(taken, query.Succeeded);
        if (taken)
            Assert.Equal(sort, query.Value!.Sort);
        else
            Assert.Equal("sort is one of name, -name, created, -created.", Assert.Single(query.Failure!.FieldErrors!["sort"]));
    }

    [Fact]
    public void A_list_with_one_order_refuses_any_sort()
    {
        Assert.Equal("This list has one order.", Assert.Single(ListQuery.FromApi(null, null, null, "name", null).Failure!.FieldErrors!["sort"]));
    }

    [Fact]
    public void A_search_has_at_most_100_characters()
    {
        Assert.True(ListQuery.FromApi(new string('a', 100), null, null).Succeeded);
        Assert.Equal(["q"], ListQuery.FromApi(new string('a', 101), null, null).Failure!.FieldErrors!.Keys);
    }

    [Fact]
    public void The_next_page_token_carries_the_offset_after_this_page_and_there_is_none_after_the_last()
    {
        var middle = new OffsetPage<int>([1, 2, 3], TotalCount: 7, Offset: 2);
        var last = new OffsetPage<int>([1, 2], TotalCount: 7, Offset: 5);

        Assert.Equal(5, ListQuery.FromApi(null, null, middle.NextPageToken).Value!.Offset);
        Assert.Null(last.NextPageToken);
    }

    [Fact]
    public void Every_offset_token_can_stand_in_a_query_string_as_it_is()
    {
        for (var offset = 0; offset < 70_000; offset += 1)
        {
            var token = OffsetToken.For(offset);
            Assert.Matches("^[A-Za-z0-9_-]+$", token);
            Assert.True(OffsetToken.TryParse(token, out var parsed) && parsed == offset, $"offset {offset} did not come back from {token}");
        }
    }

    [Fact]
    public void An_offset_token_refuses_a_negative_offset_and_a_token_of_another_length()
    {
        Assert.True(OffsetToken.TryParse(OffsetToken.For(0), out var zero));
        Assert.Equal(0, zero);
        Assert.False(OffsetToken.TryParse(OffsetToken.For(-1), out _));
        Assert.False(OffsetToken.TryParse("AAAAAAAAAAA", out _));
        // Valid base64url of six bytes: decodes, but is not an offset.
        Assert.False(OffsetToken.TryParse("AAAAAAAA", out _));
        // Plain base64's '+' reads as a space in a query string: not a token this API makes.
        Assert.False(OffsetToken.TryParse("+AAAAA", out _));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("\u0001", null)]
    [InlineData("  prod\u0000-eu ", "PROD-EU")]
    public void The_normalized_search_is_trimmed_upper_cased_and_free_of_control_characters(string? search, string? normalized)
    {
        Assert.Equal(normalized, new ListQuery(search, 0, 25).NormalizedSearch);
    }
}
