using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>An advance writes only what its worker holds, and only over the rows it read.</summary>
public sealed class StaleAdvanceTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _engine = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private OperationLeases Leases => _engine.Services.GetRequiredService<OperationLeases>();

    private OperationRunner Runner => _engine.Services.GetRequiredService<OperationRunner>();

    [Fact]
    public async Task A_worker_advancing_an_operation_another_worker_holds_touches_neither_it_nor_the_cloud()
    {
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));

        await Runner.AdvanceAsync(operationId, "worker-b", Ct);
        await Runner.AdvanceAsync(Guid.NewGuid(), "worker-b", Ct);

        var operation = await _engine.OperationAsync(operationId);
        Assert.Equal((OperationStatus.NotStarted, null, "worker-a"), (operation.Status, operation.Step, operation.LeaseOwner));
        Assert.Empty(_engine.Cloud.Calls);
        Assert.Empty(await _engine.StepsAsync(operationId));
    }

    [Fact]
    public async Task A_finished_operation_is_not_advanced_again()
    {
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        await _engine.RunAsync(operationId);
        var finished = await _engine.OperationAsync(operationId);
        var calls = _engine.Cloud.Calls.Count;
        // As if a claim had outlived the end: the row names the worker, yet the operation is over.
        await _engine.AsSystemAsync(db => db.Operations.Where(o => o.Id == operationId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseOwner, "worker-a"), Ct));

        await Runner.AdvanceAsync(operationId, "worker-a", Ct);

        var after = await _engine.OperationAsync(operationId);
        Assert.Equal((finished.Status, finished.UpdatedAt, "worker-a"), (after.Status, after.UpdatedAt, after.LeaseOwner));
        Assert.Equal(calls, _engine.Cloud.Calls.Count);
    }

    [Fact]
    public async Task An_advance_whose_environment_changed_meanwhile_saves_nothing_and_hands_back_only_its_own_claim()
    {
        var environment = await _engine.CreateEnvironmentAsync("before-rename");
        var neighbour = await _engine.CreateEnvironmentAsync("neighbour");
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));
        Assert.True(await Leases.TryClaimAsync(neighbour.OperationId!.Value, "worker-a", Ct));
        var published = new List<ComputeEnvironmentStatus>();
        using var subscription = _engine.Services.GetRequiredService<EnvironmentStatusNotifier>().Subscribe(_engine.CustomerId, change =>
        {
            lock (published) published.Add(change.Status);
            return Task.CompletedTask;
        });
        _engine.Cloud.Answer = new TaskCompletionSource();
        var advance = Task.Run(() => Runner.AdvanceAsync(operationId, "worker-a", Ct), Ct);
        await Eventually.HoldsAsync(() => Task.FromResult(_engine.Cloud.Waiting == 1), "the advance to wait for the cloud");

        var renamed = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>()
            .UpdateAsync(environment.Id, new UpdateEnvironmentRequest("after-rename", null, null), null, Ct));
        _engine.Cloud.Answer.SetResult();
        await advance;

        Assert.True(renamed.Succeeded, renamed.Failure?.Detail);
        var operation = await _engine.OperationAsync(operationId);
        Assert.Equal((OperationStatus.NotStarted, null, null), (operation.Status, operation.Step, operation.LeaseOwner));
        Assert.Empty(await _engine.StepsAsync(operationId));
        Assert.Equal("worker-a", (await _engine.OperationAsync(neighbour.OperationId.Value)).LeaseOwner);
        lock (published) Assert.DoesNotContain(ComputeEnvironmentStatus.Ready, published);
        Assert.Contains(_engine.Logs.GetSnapshot(), log => log.Message == $"Operation {operationId} changed while it was advanced; it is looked at again");

        // Looked at again from fresh rows, it finishes under the new name with each piece of cloud work done once.
        await _engine.RunAsync(operationId);
        var ready = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal((ComputeEnvironmentStatus.Ready, "after-rename"), (ready.Status, ready.Name));
        Assert.Equal(["create Network", "create Storage", "create Cluster", "verify cluster"], _engine.Cloud.Calls);
    }
}
