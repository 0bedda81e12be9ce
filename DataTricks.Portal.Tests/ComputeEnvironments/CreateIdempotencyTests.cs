using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>A create with an Idempotency-Key, as the service answers it: the key's limits, replays, reuse and expiry.</summary>
public sealed class CreateIdempotencyTests : DomainTest
{
    private static CreateEnvironmentRequest Request(string name = "keyed-env", int maxWorkers = 2) => new(name, "Aws", "us-east-1", null, 1, maxWorkers);

    [Fact]
    public async Task A_key_has_1_to_200_characters()
    {
        var longest = await CreateAsync(Request(), new string('k', 200));
        var tooLong = await CreateAsync(Request("other-env"), new string('k', 201));
        var empty = await CreateAsync(Request("third-env"), "");

        Assert.True(longest.Succeeded, longest.Failure?.Detail);
        Assert.All([tooLong, empty], r => Assert.Equal(["The Idempotency-Key header has 1 to 200 characters."], r.Failure!.FieldErrors!["Idempotency-Key"]));
    }

    [Fact]
    public async Task A_replay_returns_the_same_environment_and_a_different_request_with_the_key_is_refused()
    {
        var first = await CreateAsync(Request(), "key-1");
        var replay = await CreateAsync(Request(), "key-1");
        var changed = await CreateAsync(Request(maxWorkers: 3), "key-1");

        Assert.Equal((first.Value!.Environment.Id, false), (replay.Value!.Environment.Id, first.Value.Replayed));
        Assert.True(replay.Value.Replayed);
        Assert.Equal((FailureKind.Unprocessable, "This Idempotency-Key was already used with a different request."), (changed.Failure?.Kind, changed.Failure?.Detail));
    }

    [Fact]
    public async Task A_new_key_for_a_taken_name_is_a_name_conflict()
    {
        await CreateAsync(Request(), null);

        var taken = await CreateAsync(Request(), "key-2");

        Assert.Equal((ProblemCodes.NameTaken, "An environment named 'keyed-env' already exists."), (taken.Failure?.ProblemCode, taken.Failure?.Detail));
    }

    [Fact]
    public async Task An_expired_key_is_forgotten_with_only_its_own_record_and_creates_again()
    {
        var first = await CreateAsync(Request(), "old-key");
        Domain.Time.Advance(TimeSpan.FromHours(12));
        await CreateAsync(Request("fresh-env"), "fresh-key");
        Domain.Time.Advance(TimeSpan.FromHours(12));
        var delete = await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().DeleteAsync(first.Value!.Environment.Id, null, Ct));
        await Domain.RunAsync(delete.Value!.OperationId!.Value);

        var again = await CreateAsync(Request(), "old-key");

        Assert.False(again.Value!.Replayed);
        Assert.NotEqual(first.Value!.Environment.Id, again.Value.Environment.Id);
        var records = await Domain.AsSystemAsync(db => db.IdempotencyRecords.Select(r => new { r.Key, r.ComputeEnvironmentId }).ToListAsync(Ct));
        Assert.Equal(["fresh-key", "old-key"], records.Select(r => r.Key).Order());
        Assert.Equal(again.Value.Environment.Id, records.Single(r => r.Key == "old-key").ComputeEnvironmentId);
    }

    [Fact]
    public async Task Requests_racing_with_one_key_make_one_environment_that_every_one_of_them_returns()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => CreateAsync(Request(), "raced-key"))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Detail));
        Assert.Single(results.Select(r => r.Value!.Environment.Id).Distinct());
        Assert.Single(results, r => !r.Value!.Replayed);
        Assert.Equal(1, await Domain.AsSystemAsync(db => db.ComputeEnvironments.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_keyed_create_whose_name_another_request_takes_just_before_its_save_is_a_name_conflict()
    {
        Domain.Collisions.BeforeNextSave(async writer =>
        {
            writer.ComputeEnvironments.Add(ComputeEnvironment.Create(
                Domain.CustomerId, "keyed-env", CloudProvider.Aws, "us-east-1", null, 1, 2, Domain.Time.GetUtcNow()));
            await writer.SaveChangesAsync(Ct);
        });

        var lost = await CreateAsync(Request(), "key-3");

        Assert.Equal((ProblemCodes.NameTaken, "An environment named 'keyed-env' already exists."), (lost.Failure?.ProblemCode, lost.Failure?.Detail));
        Assert.Equal(1, await Domain.AsSystemAsync(db => db.ComputeEnvironments.CountAsync(Ct)));
        Assert.False(await Domain.AsSystemAsync(db => db.IdempotencyRecords.AnyAsync(Ct)));
    }

    [Fact]
    public async Task A_keyed_create_that_meets_its_keys_record_only_to_find_it_expired_is_asked_to_retry_and_the_retry_creates()
    {
        var now = Domain.Time.GetUtcNow();
        Domain.Collisions.BeforeNextSave(async writer =>
        {
            var earlier = ComputeEnvironment.Create(Domain.CustomerId, "earlier-env", CloudProvider.Aws, "us-east-1", null, 1, 2, now);
            writer.ComputeEnvironments.Add(earlier);
            writer.IdempotencyRecords.Add(IdempotencyRecord.For(Domain.CustomerId, "key-4", "another request", earlier.Id, now - IdempotencyRecord.Lifetime));
            await writer.SaveChangesAsync(Ct);
        });

        var clashed = await CreateAsync(Request(), "key-4");
        var retried = await CreateAsync(Request(), "key-4");

        Assert.Equal(
            (ProblemCodes.IdempotencyKeyInFlight, "A request with this Idempotency-Key is still being processed; retry shortly."),
            (clashed.Failure?.ProblemCode, clashed.Failure?.Detail));
        Assert.Equal(("keyed-env", false), (retried.Value?.Environment.Name, retried.Value?.Replayed));
    }

    private Task<Result<CreatedEnvironment>> CreateAsync(CreateEnvironmentRequest request, string? key) =>
        Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().CreateAsync(request, key, Ct));
}
