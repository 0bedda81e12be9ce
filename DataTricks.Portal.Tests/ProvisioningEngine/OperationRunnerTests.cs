using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

public sealed class OperationRunnerTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_create_runs_every_step_in_order_and_ends_ready()
    {
        var environment = await _engine.CreateEnvironmentAsync();

        await _engine.RunAsync(environment.OperationId!.Value);

        Assert.Equal(["create Network", "create Storage", "create Cluster", "verify cluster"], _engine.Cloud.Calls);
        var ready = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal(ComputeEnvironmentStatus.Ready, ready.Status);
        Assert.NotNull(ready.ReadyAt);
        var operation = await _engine.OperationAsync(environment.OperationId.Value);
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Null(operation.LeaseOwner);
        var steps = await _engine.StepsAsync(operation.Id);
        Assert.Equal(4, steps.Count);
        Assert.All(steps, s => Assert.NotNull(s.EndedAt));
    }

    [Fact]
    public async Task A_step_reads_its_operation_with_its_environment_in_one_query_and_its_steps_in_another_through_indexes()
    {
        _engine.Cloud.WorkTime["create Storage"] = TimeSpan.FromMinutes(5);
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        await _engine.PumpAsync();
        _engine.Time.Advance(TimeSpan.FromMinutes(5));
        var leases = _engine.Services.GetRequiredService<OperationLeases>();
        Assert.True(await leases.TryClaimAsync(operationId, "worker-a", TestContext.Current.CancellationToken));

        // The network made and the storage due: a step with one behind it, and the rest of the create after it.
        var queries = await _engine.QueryPlans.OfAsync(() =>
            _engine.Services.GetRequiredService<OperationRunner>().AdvanceAsync(operationId, "worker-a", TestContext.Current.CancellationToken));

        Assert.Equal(2, queries.Count);
        // SQLite names tables by their aliases, PostgreSQL by their names.
        Assert.All(queries, query => Assert.DoesNotMatch(@"(?m)^SCAN |Seq Scan on", query.Plan));
        var steps = await _engine.StepsAsync(operationId);
        Assert.Equal(["CreateNetwork", "CreateStorage", "CreateCluster", "VerifyReady"], steps.OrderBy(s => s.StartedAt).Select(s => s.Step));
        Assert.All(steps, step => Assert.NotNull(step.EndedAt));
    }

    [Fact]
    public async Task Transient_faults_are_retried_then_the_environment_is_ready()
    {
        _engine.Cloud.Fail("create Storage", new TransientCloudException("Throttled", "slow down"), new TransientCloudException("Throttled", "slow down"));
        var environment = await _engine.CreateEnvironmentAsync();

        await _engine.RunAsync(environment.OperationId!.Value);

        Assert.Equal(3, _engine.Cloud.Calls.Count(c => c == "create Storage"));
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(environment.Id)).Status);
        var storage = (await _engine.StepsAsync(environment.OperationId.Value)).Single(s => s.Step == "CreateStorage");
        Assert.Equal(3, storage.Attempts);
    }

    [Fact]
    public async Task Transient_faults_beyond_the_attempt_limit_fail_the_environment_with_the_last_message()
    {
        _engine.Cloud.Fail("create Network", Enumerable.Range(0, 5).Select(_ => (Exception)new TransientCloudException("Throttled", "The cloud is throttling requests.")).ToArray());
        var environment = await _engine.CreateEnvironmentAsync();

        await _engine.RunAsync(environment.OperationId!.Value);

        Assert.Equal(5, _engine.Cloud.Calls.Count(c => c == "create Network"));
        var failed = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal(ComputeEnvironmentStatus.Failed, failed.Status);
        Assert.Equal("The cloud is throttling requests.", failed.StatusMessage);
    }

    [Fact]
    public async Task A_permanent_fault_fails_at_once_and_a_delete_then_leaves_no_resource_behind()
    {
        _engine.Cloud.Fail("create Cluster", new PermanentCloudException("QuotaExceeded", "Quota exceeded for m5.xlarge in us-east-1."));
        var environment = await _engine.CreateEnvironmentAsync();

        await _engine.RunAsync(environment.OperationId!.Value);

        Assert.Single(_engine.Cloud.Calls, c => c == "create Cluster");
        var failed = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal(ComputeEnvironmentStatus.Failed, failed.Status);
        Assert.Equal("Quota exceeded for m5.xlarge in us-east-1.", failed.StatusMessage);
        var operation = await _engine.OperationAsync(environment.OperationId.Value);
        Assert.Equal(("QuotaExceeded", OperationStatus.Failed), (operation.ErrorCode, operation.Status));
        Assert.Equal(2, _engine.Cloud.Live(environment.Id));

        var deleting = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().DeleteAsync(environment.Id));
        await _engine.RunAsync(deleting.Value!.OperationId!.Value);

        Assert.Equal(0, _engine.Cloud.Live(environment.Id));
        Assert.Equal(ComputeEnvironmentStatus.Deleted, (await _engine.EnvironmentAsync(environment.Id)).Status);
    }

    [Fact]
    public async Task An_operation_that_outlives_its_timeout_fails_with_a_readable_message()
    {
        _engine.Cloud.HangOn = "create Cluster";
        var environment = await _engine.CreateEnvironmentAsync();

        await _engine.RunAsync(environment.OperationId!.Value);

        var failed = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal(ComputeEnvironmentStatus.Failed, failed.Status);
        Assert.Contains("did not finish within 30 minutes", failed.StatusMessage);
        var operation = await _engine.OperationAsync(environment.OperationId.Value);
        Assert.Equal("Timeout", operation.ErrorCode);
        Assert.Equal(operation.CreatedAt.AddMinutes(30), operation.CompletedAt);
    }

    [Fact]
    public async Task The_timeout_counts_from_the_operations_start_not_from_each_step_it_resumes()
    {
        // Each step ends well within the timeout; together they outlive it.
        foreach (var call in new[] { "create Network", "create Storage", "create Cluster" })
            _engine.Cloud.WorkTime[call] = TimeSpan.FromMinutes(12);
        var environment = await _engine.CreateEnvironmentAsync();

        await _engine.RunAsync(environment.OperationId!.Value);

        var operation = await _engine.OperationAsync(environment.OperationId.Value);
        Assert.Equal(("Timeout", OperationStatus.Failed), (operation.ErrorCode, operation.Status));
        Assert.Equal(operation.CreatedAt.AddMinutes(30), operation.CompletedAt);
    }

    [Fact]
    public async Task Canceling_mid_way_stops_the_create_and_removes_its_partial_resources()
    {
        _engine.Cloud.WorkTime["create Cluster"] = TimeSpan.FromMinutes(10);
        var environment = await _engine.CreateEnvironmentAsync();
        await _engine.PumpAsync();
        Assert.Contains("create Cluster", _engine.Cloud.Calls);
        Assert.Equal(OperationStatus.Running, (await _engine.OperationAsync(environment.OperationId!.Value)).Status);

        var canceled = await _engine.AsCustomerAsync(s => s.GetRequiredService<OperationService>().CancelAsync(environment.OperationId.Value));
        Assert.True(canceled.Succeeded);
        Assert.Equal(ComputeEnvironmentStatus.Deleting, (await _engine.EnvironmentAsync(environment.Id)).Status);
        await _engine.RunAsync(canceled.Value!.DeleteOperationId);

        Assert.Equal(OperationStatus.Canceled, (await _engine.OperationAsync(environment.OperationId.Value)).Status);
        Assert.Equal(0, _engine.Cloud.Live(environment.Id));
        Assert.Equal(ComputeEnvironmentStatus.Deleted, (await _engine.EnvironmentAsync(environment.Id)).Status);
    }

    [Fact]
    public async Task A_retry_resumes_from_the_failed_step()
    {
        _engine.Cloud.Fail("create Cluster", new PermanentCloudException("QuotaExceeded", "Quota exceeded."));
        var environment = await _engine.CreateEnvironmentAsync();
        await _engine.RunAsync(environment.OperationId!.Value);
        var callsBeforeRetry = _engine.Cloud.Calls.Count;

        var retried = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().RetryAsync(environment.Id));
        Assert.Equal(ComputeEnvironmentStatus.Provisioning, retried.Value!.Status);
        await _engine.RunAsync(retried.Value.OperationId!.Value);

        Assert.Equal(["create Cluster", "verify cluster"], _engine.Cloud.Calls.Skip(callsBeforeRetry));
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(environment.Id)).Status);
    }

    [Fact]
    public async Task A_claim_held_by_a_worker_that_stopped_is_taken_over_once_its_lease_runs_out()
    {
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        var leases = _engine.Services.GetRequiredService<OperationLeases>();
        Assert.True(await leases.TryClaimAsync(operationId, "worker-a", CancellationToken.None));

        Assert.False(await leases.TryClaimAsync(operationId, "worker-b", CancellationToken.None));
        Assert.Equal(0, await _engine.PumpAsync("worker-b"));
        _engine.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await _engine.PumpAsync("worker-b"));
        Assert.Empty(_engine.Cloud.Calls);

        _engine.Time.Advance(TimeSpan.FromSeconds(2));
        await _engine.RunAsync(operationId, "worker-b");

        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(environment.Id)).Status);
        Assert.Null((await _engine.OperationAsync(operationId)).LeaseOwner);
    }

    [Fact]
    public async Task A_step_repeated_after_a_crash_finds_the_resource_it_already_made()
    {
        _engine.Cloud.CrashAfterWorkOn = "create Storage";
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _engine.RunAsync(operationId, "worker-a"));
        Assert.Equal("worker-a", (await _engine.OperationAsync(operationId)).LeaseOwner);
        await _engine.RunAsync(operationId, "worker-b");

        Assert.Single(_engine.Cloud.Calls, c => c == "create Storage");
        Assert.Equal(1, _engine.Cloud.Made(environment.Id, CloudResourceKind.Network));
        Assert.Equal(1, _engine.Cloud.Made(environment.Id, CloudResourceKind.Storage));
        Assert.Equal(1, _engine.Cloud.Made(environment.Id, CloudResourceKind.Cluster));
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(environment.Id)).Status);
    }

    [Fact]
    public async Task Every_transition_is_published_to_the_customers_subscribers()
    {
        var notifier = _engine.Services.GetRequiredService<EnvironmentChangeNotifier>();
        var seen = new List<ComputeEnvironmentStatus>();
        using var subscription = notifier.Subscribe(_engine.CustomerId, change =>
        {
            lock (seen) seen.Add(change.Status);
            return Task.CompletedTask;
        });
        using var foreign = notifier.Subscribe(Guid.NewGuid(), _ => throw new InvalidOperationException("another customer's subscriber was told"));

        // Cloud work that takes time: each saved state between the cloud's answers is published.
        _engine.Cloud.WorkTime["create Storage"] = TimeSpan.FromMinutes(3);
        var environment = await _engine.CreateEnvironmentAsync();
        await _engine.RunAsync(environment.OperationId!.Value);

        lock (seen)
        {
            Assert.Equal(ComputeEnvironmentStatus.Pending, seen[0]);
            Assert.Contains(ComputeEnvironmentStatus.Provisioning, seen);
            Assert.Equal(ComputeEnvironmentStatus.Ready, seen[^1]);
        }
    }
}
