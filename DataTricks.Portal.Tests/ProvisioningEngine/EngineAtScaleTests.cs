using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>Operations waiting on the cloud are rows with a due time: any number of them run at once.</summary>
public sealed class EngineAtScaleTests : IAsyncLifetime
{
    private const int Operations = 10_000;

    // Advances at once, as a node's worker makes them (ProvisioningOptions.MaxConcurrentOperations).
    private const int Concurrency = 16;
    private DomainHarness _engine = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Clusters here take up to 100 minutes: a timeout longer than that.
    public async ValueTask InitializeAsync() =>
        _engine = await DomainHarness.StartAsync(new() { ["Provisioning:OperationTimeout"] = "03:00:00" });

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    // A minute of work that a mutation run would repeat for every mutant in the engine; OperationRunnerTests kill those.
    [Fact(Skip = "Left out of mutation runs", SkipWhen = nameof(MutationRun.IsActive), SkipType = typeof(MutationRun))]
    public async Task Ten_thousand_operations_due_at_different_times_all_run_at_once_and_finish_when_their_cloud_time_comes()
    {
        var ids = await _engine.QueueCreatesAsync(Operations);
        // Each environment's cluster takes between 1 and 100 minutes: they finish at 100 different times.
        for (var i = 0; i < ids.Count; i++)
            _engine.Cloud.ClusterTimeOf[ids[i]] = TimeSpan.FromMinutes(1 + i % 100);

        await _engine.PumpAsync(concurrency: Concurrency);

        var waiting = await _engine.AsSystemAsync(db => db.Operations.Where(o => o.Kind == OperationKind.Create)
            .GroupBy(o => new { o.Status, Held = o.LeaseOwner != null, Future = o.DueAt > _engine.Time.GetUtcNow() })
            .Select(g => new { g.Key.Status, g.Key.Held, g.Key.Future, Count = g.Count() }).ToListAsync(Ct));
        var running = Assert.Single(waiting);
        Assert.Equal((OperationStatus.Running, false, true, Operations), (running.Status, running.Held, running.Future, running.Count));

        _engine.Time.Advance(TimeSpan.FromMinutes(50));
        await _engine.PumpAsync(concurrency: Concurrency);
        Assert.Equal(Operations / 2, await CountAsync(ComputeEnvironmentStatus.Ready));

        _engine.Time.Advance(TimeSpan.FromMinutes(50));
        await _engine.PumpAsync(concurrency: Concurrency);
        Assert.Equal(Operations, await CountAsync(ComputeEnvironmentStatus.Ready));
    }

    [Fact]
    public async Task An_operation_resumed_after_a_crash_still_times_out_counted_from_its_start()
    {
        _engine.Cloud.HangOn = "create Cluster";
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        await _engine.PumpAsync("worker-a");
        _engine.Time.Advance(TimeSpan.FromMinutes(100));
        // Worker A claims it again and dies holding it; worker B resumes it once the claim has run out.
        var leases = _engine.Services.GetRequiredService<OperationLeases>();
        Assert.True(await leases.TryClaimAsync(operationId, "worker-a", Ct));
        _engine.Time.Advance(TimeSpan.FromMinutes(1));

        await _engine.RunAsync(operationId, "worker-b");

        var operation = await _engine.OperationAsync(operationId);
        Assert.Equal(("Timeout", OperationStatus.Failed), (operation.ErrorCode, operation.Status));
        Assert.Equal(operation.CreatedAt + TimeSpan.FromHours(3), operation.CompletedAt);
    }

    private Task<int> CountAsync(ComputeEnvironmentStatus status) =>
        _engine.AsSystemAsync(db => db.ComputeEnvironments.CountAsync(e => e.Status == status && e.Name.StartsWith("scale-"), Ct));
}
