using System.Buffers.Text;
using DataTricks.Domain.AccessTokens;

namespace DataTricks.Portal.Tests.Identity;

public sealed class TokenRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_is_the_scheme_an_eight_letter_lookup_id_and_32_random_bytes()
    {
        var (token, prefix) = TokenSecret.Generate();

        Assert.Matches("^dtp_[a-km-np-z2-9]{8}$", prefix);
        Assert.StartsWith(prefix + "_", token);
        Assert.Equal(32, Base64Url.DecodeFromChars(token.AsSpan(prefix.Length + 1)).Length);
        Assert.True(TokenSecret.TryGetPrefix(token, out var found));
        Assert.Equal(prefix, found);
    }

    [Theory]
    [InlineData("dtp_abcdefgh_x", true)]
    [InlineData("dtp_abcdefgh_", false)]
    [InlineData("dtp_abcdefghxx", false)]
    [InlineData("xtp_abcdefgh_x", false)]
    [InlineData("dtp_abc", false)]
    public void Only_a_token_of_that_shape_has_a_prefix(string token, bool shaped)
    {
        Assert.Equal(shaped, TokenSecret.TryGetPrefix(token, out var prefix));
        Assert.Equal(shaped ? "dtp_abcdefgh" : "", prefix);
    }

    [Fact]
    public void The_stored_hash_is_the_lower_case_sha256_of_the_whole_token_and_matches_only_it()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecret.Hash("abc"));
        Assert.True(TokenSecret.Matches("abc", TokenSecret.Hash("abc")));
        Assert.False(TokenSecret.Matches("abd", TokenSecret.Hash("abc")));
    }

    [Fact]
    public void A_token_is_usable_until_the_instant_it_expires_and_never_once_revoked()
    {
        var token = PersonalAccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "deploy", "dtp_abcdefgh", "hash", Now, Now.AddDays(30));

        Assert.True(token.IsUsableAt(Now.AddDays(30).AddTicks(-1)));
        Assert.False(token.IsUsableAt(Now.AddDays(30)));
        token.Revoke(Now.AddDays(1));
        Assert.False(token.IsUsableAt(Now.AddDays(2)));
    }

    [Fact]
    public void Revoking_twice_keeps_the_first_time_and_use_is_recorded()
    {
        var token = PersonalAccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), "deploy", "dtp_abcdefgh", "hash", Now, Now.AddDays(30));

        token.MarkUsed(Now.AddHours(1));
        token.Revoke(Now.AddDays(1));
        token.Revoke(Now.AddDays(2));

        Assert.Equal((Now.AddHours(1), Now.AddDays(1)), (token.LastUsedAt, token.RevokedAt));
    }

    [Fact]
    public void An_issued_token_keeps_what_it_was_issued_with()
    {
        var (customer, user) = (Guid.NewGuid(), Guid.NewGuid());

        var token = PersonalAccessToken.Issue(customer, user, "deploy", "dtp_abcdefgh", "hash", Now, Now.AddDays(30));

        Assert.Equal((customer, user, "deploy", "dtp_abcdefgh", "hash", Now, Now.AddDays(30)),
            (token.CustomerId, token.UserId, token.Name, token.Prefix, token.SecretHash, token.CreatedAt, token.ExpiresAt));
        Assert.NotEqual(Guid.Empty, token.Id);
    }

    [Fact]
    public void A_token_name_is_named_as_such_when_refused()
    {
        Assert.Equal("The token name has 1 to 100 characters.", PersonalAccessToken.NameRule.Check(new string('n', 101)).Problem);
    }
}
