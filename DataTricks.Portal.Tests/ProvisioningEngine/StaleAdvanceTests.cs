using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>An advance writes only what its worker holds, and only over the rows it read.</summary>
public sealed class StaleAdvanceTests : DomainTest
{
    private OperationLeases Leases => Domain.Services.GetRequiredService<OperationLeases>();

    private OperationRunner Runner => Domain.Services.GetRequiredService<OperationRunner>();

    [Fact]
    public async Task A_worker_advancing_an_operation_another_worker_holds_touches_neither_it_nor_the_cloud()
    {
        var environment = await Domain.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));

        await Runner.AdvanceAsync(operationId, "worker-b", Ct);
        await Runner.AdvanceAsync(Guid.NewGuid(), "worker-b", Ct);

        var operation = await Domain.OperationAsync(operationId);
        Assert.Equal((OperationStatus.NotStarted, null, "worker-a"), (operation.Status, operation.Step, operation.LeaseOwner));
        Assert.Empty(Domain.Cloud.Calls);
        Assert.Empty(await Domain.StepsAsync(operationId));
    }

    [Fact]
    public async Task A_finished_operation_is_not_advanced_again()
    {
        var environment = await Domain.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        await Domain.RunAsync(operationId);
        var finished = await Domain.OperationAsync(operationId);
        var calls = Domain.Cloud.Calls.Count;
        // As if a claim had outlived the end: the row names the worker, yet the operation is over.
        await Domain.AsSystemAsync(db => db.Operations.Where(o => o.Id == operationId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseOwner, "worker-a"), Ct));

        await Runner.AdvanceAsync(operationId, "worker-a", Ct);

        var after = await Domain.OperationAsync(operationId);
        Assert.Equal((finished.Status, finished.UpdatedAt, "worker-a"), (after.Status, after.UpdatedAt, after.LeaseOwner));
        Assert.Equal(calls, Domain.Cloud.Calls.Count);
    }

    [Fact]
    public async Task An_advance_whose_environment_changed_meanwhile_saves_nothing_and_hands_back_only_its_own_claim()
    {
        var environment = await Domain.CreateEnvironmentAsync("before-rename");
        var neighbour = await Domain.CreateEnvironmentAsync("neighbour");
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));
        Assert.True(await Leases.TryClaimAsync(neighbour.OperationId!.Value, "worker-a", Ct));
        var published = new List<ComputeEnvironmentStatus>();
        using var subscription = Domain.Services.GetRequiredService<EnvironmentChangeNotifier>().Subscribe(Domain.CustomerId, change =>
        {
            lock (published) published.Add(change.Status);
            return Task.CompletedTask;
        });
        Domain.Cloud.Answer = new TaskCompletionSource();
        var advance = Task.Run(() => Runner.AdvanceAsync(operationId, "worker-a", Ct), Ct);
        await Eventually.HoldsAsync(() => Task.FromResult(Domain.Cloud.Waiting == 1), "the advance to wait for the cloud");

        var renamed = await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>()
            .UpdateAsync(environment.Id, new UpdateEnvironmentRequest("after-rename", null, null), null, Ct));
        Domain.Cloud.Answer.SetResult();
        await advance;

        Assert.True(renamed.Succeeded, renamed.Failure?.Detail);
        var operation = await Domain.OperationAsync(operationId);
        Assert.Equal((OperationStatus.NotStarted, null, null), (operation.Status, operation.Step, operation.LeaseOwner));
        Assert.Empty(await Domain.StepsAsync(operationId));
        Assert.Equal("worker-a", (await Domain.OperationAsync(neighbour.OperationId.Value)).LeaseOwner);
        lock (published) Assert.DoesNotContain(ComputeEnvironmentStatus.Ready, published);
        Assert.Contains(Domain.Logs.GetSnapshot(), log => log.Message == $"Operation {operationId} changed while it was advanced; it is looked at again");

        // Looked at again from fresh rows, it finishes under the new name with each piece of cloud work done once.
        await Domain.RunAsync(operationId);
        var ready = await Domain.EnvironmentAsync(environment.Id);
        Assert.Equal((ComputeEnvironmentStatus.Ready, "after-rename"), (ready.Status, ready.Name));
        Assert.Equal(["create Network", "create Storage", "create Cluster", "verify cluster"], Domain.Cloud.Calls);
    }
}
