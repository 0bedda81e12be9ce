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
}
