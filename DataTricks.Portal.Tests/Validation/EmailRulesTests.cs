using DataTricks.Domain.Users;

namespace DataTricks.Portal.Tests.Validation;

public sealed class EmailRulesTests
{
    [Theory]
    [InlineData("dora@acme.test", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("dora@localhost", false)]
    [InlineData("Dora <dora@acme.test>", false)]
    [InlineData("dora@acme.test, ben@acme.test", false)]
    [InlineData(" dora@acme.test", false)]
    public void An_address_is_one_plain_address_with_a_dotted_domain(string? email, bool valid)
    {
        Assert.Equal(valid, EmailRules.IsValid(email));
    }

    [Fact]
    public void An_address_has_at_most_256_characters()
    {
        const string domain = "@acme.test";

        Assert.True(EmailRules.IsValid(new string('d', EmailRules.MaxLength - domain.Length) + domain));
        Assert.False(EmailRules.IsValid(new string('d', EmailRules.MaxLength + 1 - domain.Length) + domain));
    }
}
