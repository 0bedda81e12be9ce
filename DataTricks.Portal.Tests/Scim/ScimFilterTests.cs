using DataTricks.Domain.Scim;

namespace DataTricks.Portal.Tests.Scim;

/// <summary>The SCIM filter grammar (RFC 7644 §3.4.2.2), read the way directories write it.</summary>
public sealed class ScimFilterTests
{
    private static string Shape(ScimFilter filter) => filter switch
    {
        ScimFilter.Compare c => $"{c.Path} {c.Operator} {c.Value?.ToJsonString() ?? "null"}",
        ScimFilter.Present p => $"{p.Path} pr",
        ScimFilter.And a => $"({Shape(a.Left)} and {Shape(a.Right)})",
        ScimFilter.Or o => $"({Shape(o.Left)} or {Shape(o.Right)})",
        ScimFilter.Not n => $"not {Shape(n.Inner)}",
        _ => "?",
    };

    [Theory]
    [InlineData("userName eq \"bjensen\"", "username eq \"bjensen\"")]
    [InlineData("UserName EQ \"a\\\"b\"", "username eq \"a\\u0022b\"")]
    [InlineData("name.familyName co \"O'Malley\"", "name.familyname co \"O\\u0027Malley\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", "username sw \"J\"")]
    [InlineData("title pr", "title pr")]
    [InlineData("active eq true", "active eq true")]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "meta.lastmodified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("title pr and userType eq \"Employee\"", "(title pr and usertype eq \"Employee\")")]
    [InlineData("title pr or userType eq \"Intern\"", "(title pr or usertype eq \"Intern\")")]
    [InlineData("a eq 1 or b eq 2 and c eq 3", "(a eq 1 or (b eq 2 and c eq 3))")]
    [InlineData("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "(usertype eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\"))")]
    [InlineData("userType ne \"Employee\" and not (emails co \"example.com\")", "(usertype ne \"Employee\" and not emails co \"example.com\")")]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", "(emails.type eq \"work\" and emails.value co \"@example.com\")")]
    [InlineData("externalId eq null", "externalid eq null")]
    [InlineData("displayName eq \"\\u0041da\\tB\"", "displayname eq \"Ada\\tB\"")]
    [InlineData("count gt 1.5", "count gt 1.5")]
    public void The_rfc_examples_parse_with_and_binding_tighter_than_or(string filter, string shape) =>
        Assert.Equal(shape, Shape(ScimFilter.Parse(filter)));

    [Theory]
    [InlineData("", "Expected an attribute")]
    [InlineData("userName", "Expected an operator")]
    [InlineData("userName eq", "Expected a value")]
    [InlineData("userName eq bjensen", "quote strings")]
    [InlineData("userName eq \"open", "ends where '\"' was expected")]
    [InlineData("(userName eq \"a\"", "ends where ')' was expected")]
    [InlineData("userName eq \"a\" garbage", "Unexpected 'garbage'")]
    [InlineData("userName like \"a\"", "'like' is not a SCIM operator")]
    [InlineData("a.b.c eq \"x\"", "not an attribute path")]
    [InlineData("userName eq \"a\" and", "Expected an attribute")]
    public void A_malformed_filter_says_what_is_wrong(string filter, string problem)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(("invalidFilter", 400), (error.ScimType, error.Status));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Deep_nesting_and_huge_filters_are_refused_not_recursed_into()
    {
        var deep = string.Concat(Enumerable.Repeat("(", 40)) + "a eq 1" + string.Concat(Enumerable.Repeat(")", 40));
        var huge = string.Join(" or ", Enumerable.Repeat("userName eq \"someone@example.com\"", 200));

        Assert.Contains("nests at most", Assert.Throws<ScimException>(() => ScimFilter.Parse(deep)).Message);
        Assert.Contains("at most 4096", Assert.Throws<ScimException>(() => ScimFilter.Parse(huge)).Message);
    }
}
