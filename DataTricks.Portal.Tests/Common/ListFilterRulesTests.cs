using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Idempotency;
using DataTricks.Domain.Provisioning;

namespace DataTricks.Portal.Tests.Common;

/// <summary>The rules of list filters and of idempotency keys, on their own: names not numbers, bounds, expiries.</summary>
public sealed class ListFilterRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, true, null)]
    [InlineData("Ready", true, ComputeEnvironmentStatus.Ready)]
    [InlineData("failed", true, ComputeEnvironmentStatus.Failed)]
    [InlineData("3", false, null)]
    [InlineData("-1", false, null)]
    [InlineData("Bogus", false, null)]
    [InlineData("", false, null)]
    public void A_closed_set_is_read_by_name_in_any_case_and_never_by_number(string? text, bool read, ComputeEnvironmentStatus? value)
    {
        Assert.Equal(read, EnumText.TryParse<ComputeEnvironmentStatus>(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void A_closed_sets_rule_names_its_values()
    {
        Assert.Equal("kind is one of Create, Delete, Resize, Repair.", EnumText.Rule<OperationKind>("kind"));
    }

    [Fact]
    public void Created_after_is_inclusive_and_created_before_exclusive()
    {
        var times = new[] { Noon.AddMinutes(-1), Noon, Noon.AddMinutes(1), Noon.AddMinutes(2) }.AsQueryable();

        var after = new CreatedRange(Noon, null).Filter(times, t => t);
        var before = new CreatedRange(null, Noon.AddMinutes(1)).Filter(times, t => t);
        var both = new CreatedRange(Noon, Noon.AddMinutes(2)).Filter(times, t => t);

        Assert.Equal([Noon, Noon.AddMinutes(1), Noon.AddMinutes(2)], after);
        Assert.Equal([Noon.AddMinutes(-1), Noon], before);
        Assert.Equal([Noon, Noon.AddMinutes(1)], both);
        Assert.Equal(times, CreatedRange.Any.Filter(times, t => t));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void A_range_must_end_after_it_starts(int minutesLater, bool refused)
    {
        Assert.Equal(refused, new CreatedRange(Noon, Noon.AddMinutes(minutesLater)).Check(new FieldErrors()).Any);
    }

    [Fact]
    public void A_backwards_range_is_refused_on_its_end_saying_why()
    {
        var refused = new CreatedRange(Noon, Noon).Check(new FieldErrors()).ToFailure();

        Assert.Equal(["createdBefore is later than createdAfter."], refused.FieldErrors!["createdBefore"]);
    }

    [Fact]
    public void An_operation_list_refuses_a_status_and_a_kind_each_by_its_own_rule()
    {
        var refused = OperationListQuery.FromApi("Sleeping", "Rebuild", null, CreatedRange.Any, null, null).Failure!.FieldErrors!;

        Assert.Equal([EnumText.Rule<OperationStatus>("status")], refused["status"]);
        Assert.Equal(["kind is one of Create, Delete, Resize, Repair."], refused["kind"]);
        Assert.StartsWith("status is one of NotStarted, Running", refused["status"][0]);
    }

    [Fact]
    public void A_range_open_at_either_end_is_fine()
    {
        Assert.False(new CreatedRange(Noon, null).Check(new FieldErrors()).Any);
        Assert.False(new CreatedRange(null, Noon).Check(new FieldErrors()).Any);
    }

    [Fact]
    public void Operations_are_narrowed_by_kind_environment_status_and_time_together()
    {
        var environment = Guid.NewGuid();
        var operations = new[]
        {
            Operation.Queue(Guid.Empty, environment, OperationKind.Create, Noon),
            Operation.Queue(Guid.Empty, environment, OperationKind.Delete, Noon.AddMinutes(1)),
            Operation.Queue(Guid.Empty, Guid.NewGuid(), OperationKind.Delete, Noon.AddMinutes(2)),
        }.AsQueryable();
        var page = new ListQuery(null, 0, 25);

        Assert.Equal([operations.ElementAt(1)], new OperationListQuery(page, Kind: OperationKind.Delete, EnvironmentId: environment).Filter(operations));
        Assert.Equal(3, new OperationListQuery(page, Status: OperationStatus.NotStarted).Filter(operations).Count());
        Assert.Empty(new OperationListQuery(page, Status: OperationStatus.Failed).Filter(operations));
        Assert.Equal([operations.ElementAt(2)], new OperationListQuery(page, Created: new CreatedRange(Noon.AddMinutes(2), null)).Filter(operations));
    }

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData("Failed", "Create", null, true)]
    [InlineData("1", null, null, false)]
    [InlineData(null, "Rebuild", null, false)]
    [InlineData(null, null, "abc", false)]
    public void An_operation_list_query_names_each_refused_parameter(string? status, string? kind, string? pageToken, bool taken)
    {
        var query = OperationListQuery.FromApi(status, kind, null, CreatedRange.Any, null, pageToken);

        Assert.Equal(taken, query.Succeeded);
        if (!taken)
            Assert.Single(query.Failure!.FieldErrors!.Keys, k => k == (status is not null ? "status" : kind is not null ? "kind" : "pageToken"));
    }

    [Fact]
    public void An_idempotency_claim_holds_a_minute_and_a_key_a_day()
    {
        var claim = IdempotentRequest.Claim("scope", "key", "hash", Noon);

        Assert.False(claim.IsAbandoned(Noon.Add(IdempotentRequest.ClaimDuration).AddTicks(-1)));
        Assert.True(claim.IsAbandoned(Noon.Add(IdempotentRequest.ClaimDuration)));
        Assert.False(claim.IsExpired(Noon.Add(IdempotentRequest.Lifetime).AddTicks(-1)));
        Assert.True(claim.IsExpired(Noon.Add(IdempotentRequest.Lifetime)));
        Assert.False(claim.IsAnswered);
        Assert.Equal(TimeSpan.FromMinutes(1), IdempotentRequest.ClaimDuration);
        Assert.Equal(TimeSpan.FromHours(24), IdempotentRequest.Lifetime);
    }
}
