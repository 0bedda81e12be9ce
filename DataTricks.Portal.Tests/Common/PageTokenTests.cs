using DataTricks.Domain.Common;

namespace DataTricks.Portal.Tests.Common;

public sealed class PageTokenTests
{
    [Fact]
    public void A_token_round_trips()
    {
        var token = new PageToken(new DateTimeOffset(2026, 11, 26, 9, 0, 0, 123, TimeSpan.Zero), Guid.NewGuid());

        Assert.True(PageToken.TryParse(token.ToString(), out var parsed));

        Assert.Equal(token, parsed);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("_____________________________________w")]
    public void Anything_else_is_refused_without_throwing(string text)
    {
        Assert.False(PageToken.TryParse(text, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void No_token_means_the_first_page()
    {
        Assert.True(PageToken.TryParse(null, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void The_first_and_last_instants_a_timestamp_can_hold_round_trip_and_beyond_them_nothing_parses()
    {
        foreach (var at in new[] { DateTimeOffset.MinValue, DateTimeOffset.MaxValue })
        {
            var token = new PageToken(at, Guid.NewGuid());
            Assert.True(PageToken.TryParse(token.ToString(), out var parsed));
            Assert.Equal(token, parsed);
        }
        Assert.False(PageToken.TryParse(WithTicks(-1), out _));
        Assert.False(PageToken.TryParse(WithTicks(DateTimeOffset.MaxValue.UtcTicks + 1), out _));
    }

    private static string WithTicks(long ticks)
    {
        var bytes = new byte[24];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, ticks);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }
}
