using DataTricks.Domain.Auditing;

namespace DataTricks.Portal.Tests.Auditing;

public sealed class AuditFilterRulesTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> FieldsRefused(AuditFilter filter) =>
        filter.Check().Any ? filter.Check().ToFailure().FieldErrors!.Keys : [];

    [Fact]
    public void No_filter_and_every_filter_at_its_limit_are_accepted()
    {
        Assert.Empty(FieldsRefused(AuditFilter.None));
        Assert.Empty(FieldsRefused(new AuditFilter(new string('a', 256), "environment.create", new string('t', AuditEvent.TargetMaxLength), Day, Day.AddTicks(1))));
        Assert.Empty(FieldsRefused(new AuditFilter(Action: "environment")));
        Assert.Empty(FieldsRefused(new AuditFilter(From: Day)));
        Assert.Empty(FieldsRefused(new AuditFilter(To: Day)));
    }

    [Fact]
    public void Each_filter_past_its_limit_names_its_field()
    {
        Assert.Equal(["actor"], FieldsRefused(new AuditFilter(Actor: new string('a', 257))));
        Assert.Equal(["actor"], FieldsRefused(new AuditFilter(Actor: "ad\nmin")));
        Assert.Equal(["action"], FieldsRefused(new AuditFilter(Action: "environment.explode")));
        Assert.Equal(["target"], FieldsRefused(new AuditFilter(Target: new string('t', AuditEvent.TargetMaxLength + 1))));
        Assert.Equal(["target"], FieldsRefused(new AuditFilter(Target: "id\t1")));
        Assert.Equal(["to"], FieldsRefused(new AuditFilter(From: Day, To: Day)));
    }

    [Fact]
    public void Each_refusal_says_what_is_allowed()
    {
        var errors = new AuditFilter(new string('a', 257), "nope", new string('t', 201), Day, Day).Check().ToFailure().FieldErrors!;

        Assert.Equal("Enter at most 256 characters of an e-mail address.", Assert.Single(errors["actor"]));
        Assert.StartsWith("Choose an action (such as environment.create) or an area: ", Assert.Single(errors["action"]));
        Assert.Matches(@"an area: [a-z-]+(, [a-z-]+)+\.$", errors["action"][0]);
        Assert.Equal("A target id has at most 200 characters.", Assert.Single(errors["target"]));
        Assert.Equal("The end of the period must come after its start.", Assert.Single(errors["to"]));
    }
}
