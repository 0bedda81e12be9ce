using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>When the worker wakes next, and the exact moment a held claim becomes another worker's to take.</summary>
public sealed class OperationLeasesTests : DomainTest
{
    private OperationLeases Leases => Domain.Services.GetRequiredService<OperationLeases>();

    private TimeSpan LeaseDuration => Domain.Services.GetRequiredService<IOptions<ProvisioningOptions>>().Value.LeaseDuration;

    [Fact]
    public async Task Nothing_unfinished_means_nothing_is_due()
    {
        Assert.Null(await Leases.NextDueAsync(Ct));

        var environment = await Domain.CreateEnvironmentAsync();
        await Domain.RunAsync(environment.OperationId!.Value);

        Assert.Null(await Leases.NextDueAsync(Ct));
    }

    [Fact]
    public async Task A_worker_that_claims_fewer_than_are_due_takes_those_waiting_longest()
    {
        var operations = new List<Guid>();
        foreach (var name in new[] { "first-env", "second-env", "third-env" })
        {
            operations.Add((await Domain.CreateEnvironmentAsync(name)).OperationId!.Value);
            Domain.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // Which ones, not in what order: PostgreSQL's claim returns its rows in no particular order.
        Assert.Equal(operations[..2].Order(), (await Leases.ClaimDueAsync("worker-a", 2, Ct)).Order());
        Assert.Equal(operations[2..], await Leases.ClaimDueAsync("worker-b", 2, Ct));
    }

    [Fact]
    public async Task A_claim_takes_no_more_than_it_asks_for_whatever_the_database_knows_of_the_table()
    {
        // PostgreSQL plans the claim by its statistics. Judged on a table of one row, it ran the pick of due operations
        // again for each row the update read, and each run skipped the rows the claim itself had just taken: a claim of
        // 1 took all 5 due operations. Statistics this stale happen when a quiet table fills faster than autovacuum.
        await Domain.ReadyEnvironmentAsync("finished-env");
        await Domain.AsSystemAsync(db => db.Database.IsNpgsql() ? db.Database.ExecuteSqlRawAsync("""ANALYZE "Operations" """) : Task.FromResult(0));
        var due = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            due.Add((await Domain.CreateEnvironmentAsync($"queued-env-{i}")).OperationId!.Value);
            Domain.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([due[0]], await Leases.ClaimDueAsync("worker-a", 1, Ct));
        Assert.Equal(due[1..3].Order(), (await Leases.ClaimDueAsync("worker-b", 2, Ct)).Order());
    }

    [Fact]
    public async Task The_earliest_due_operation_sets_the_next_wake_up_whether_it_has_started_or_not()
    {
        Domain.Cloud.WorkTime["create Network"] = TimeSpan.FromMinutes(10);
        var started = await Domain.CreateEnvironmentAsync("started-env");
        Assert.Equal(1, await Domain.PumpAsync());
        var running = await Domain.OperationAsync(started.OperationId!.Value);
        Assert.Equal(OperationStatus.Running, running.Status);
        Assert.Equal(running.DueAt, await Leases.NextDueAsync(Ct));

        Domain.Time.Advance(TimeSpan.FromMinutes(1));
        var queued = await Domain.CreateEnvironmentAsync("queued-env");

        Assert.Equal((await Domain.OperationAsync(queued.OperationId!.Value)).DueAt, await Leases.NextDueAsync(Ct));
    }

    [Fact]
    public async Task A_held_operation_is_due_when_its_lease_runs_out_or_when_it_is_due_if_that_is_later()
    {
        var environment = await Domain.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));
        var held = await Domain.OperationAsync(operationId);

        Assert.Equal(held.LeaseExpiresAt, await Leases.NextDueAsync(Ct));

        var later = held.LeaseExpiresAt!.Value + TimeSpan.FromMinutes(5);
        await Domain.AsSystemAsync(db => db.Operations.Where(o => o.Id == operationId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.DueAt, later), Ct));

        Assert.Equal(later, await Leases.NextDueAsync(Ct));
    }

    [Fact]
    public async Task The_next_wake_up_is_found_through_indexes_without_reading_every_unfinished_operation()
    {
        // The worker asks after every claim; with 10,000 operations in flight, a scan of them took 4 ms each time.
        await Domain.QueueCreatesAsync(5);
        Assert.Single(await Leases.ClaimDueAsync("worker-a", 1, Ct));

        var plans = await Domain.QueryPlans.OfAsync(() => Leases.NextDueAsync(Ct));

        // Neither a pass over the table nor a sort of what it read: SQLite's and PostgreSQL's words for each.
        Assert.NotEmpty(plans);
        Assert.All(plans, query => Assert.DoesNotMatch(@"(?m)^SCAN ""?Operations|Seq Scan on ""Operations""|TEMP B-TREE|Sort", query.Plan));
        // The held ones through the lease's index: by their status, it would read every unfinished operation.
        Assert.Contains(plans, query => query.Plan.Contains("IX_Operations_LeaseExpiresAt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_is_held_up_to_the_instant_its_lease_runs_out_and_free_just_after()
    {
        var environment = await Domain.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));

        Domain.Time.Advance(LeaseDuration);
        Assert.False(await Leases.TryClaimAsync(operationId, "worker-b", Ct));

        Domain.Time.Advance(TimeSpan.FromMilliseconds(1)); // finer than SQLite keeps times (a tenth of a millisecond) would be lost
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-b", Ct));
        Assert.Equal("worker-b", (await Domain.OperationAsync(operationId)).LeaseOwner);
    }
}
