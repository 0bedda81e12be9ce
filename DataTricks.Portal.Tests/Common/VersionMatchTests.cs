using DataTricks.Domain.Common;

namespace DataTricks.Portal.Tests.Common;

public sealed class VersionMatchTests
{
    [Fact]
    public void No_precondition_allows_any_version()
    {
        Assert.True(VersionMatch.Any.IsAny);
        Assert.True(VersionMatch.Any.Allows(42));
    }

    [Fact]
    public void A_precondition_allows_only_the_versions_it_holds()
    {
        var match = new VersionMatch(new HashSet<long> { 3, 5 });

        Assert.False(match.IsAny);
        Assert.Equal([false, true, false, true], new long[] { 2, 3, 4, 5 }.Select(match.Allows));
    }

    [Fact]
    public void An_empty_precondition_allows_nothing()
    {
        Assert.False(new VersionMatch(new HashSet<long>()).Allows(1));
    }

    [Fact]
    public void A_stale_version_is_a_failed_precondition_naming_what_changed()
    {
        var failure = VersionMatch.Stale("The environment");

        Assert.Equal(FailureKind.PreconditionFailed, failure.Kind);
        Assert.StartsWith("The environment changed since you read it", failure.Detail);
    }
}
