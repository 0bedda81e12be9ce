using DataTricks.Domain.Cloud;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

public sealed class ResizeAndRepairTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _engine = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_resize_keeps_the_old_size_while_the_cloud_works_then_takes_the_new_one()
    {
        var environment = await _engine.ReadyEnvironmentAsync("resizable");
        _engine.Cloud.WorkTime["resize cluster"] = TimeSpan.FromMinutes(5);

        var resizing = await UpdateAsync(environment.Id, new UpdateEnvironmentRequest(null, 3, 9));

        Assert.Equal((ComputeEnvironmentStatus.Resizing, 1, 2), (resizing.Status, resizing.MinWorkers, resizing.MaxWorkers));
        await _engine.RunAsync(resizing.OperationId!.Value);
        var resized = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal((ComputeEnvironmentStatus.Ready, 3, 9), (resized.Status, resized.MinWorkers, resized.MaxWorkers));
        Assert.Contains("resize cluster", _engine.Cloud.Calls);
    }

    [Fact]
    public async Task A_resize_answers_with_the_environment_it_saved_even_when_the_worker_ends_it_before_the_answer()
    {
        var environment = await _engine.ReadyEnvironmentAsync("resizable");
        // The woken worker of this node, on another thread, ends the resize before the request has built its answer.
        using var worker = _engine.Services.GetRequiredService<EnvironmentChangeNotifier>().Subscribe(_engine.CustomerId, change =>
        {
            if (change.Status == ComputeEnvironmentStatus.Resizing)
                Task.Run(() => _engine.RunAsync(change.OperationId!.Value)).Wait();
            return Task.CompletedTask;
        });

        var resizing = await UpdateAsync(environment.Id, new UpdateEnvironmentRequest(null, 3, 9));

        Assert.Equal((ComputeEnvironmentStatus.Resizing, 1, 2), (resizing.Status, resizing.MinWorkers, resizing.MaxWorkers));
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(environment.Id)).Status);
    }

    [Fact]
    public async Task A_failed_resize_returns_to_ready_at_the_old_size_with_a_message()
    {
        var environment = await _engine.ReadyEnvironmentAsync("resizable");
        _engine.Cloud.Fail("resize cluster", new PermanentCloudException("QuotaExceeded", "No quota for 9 workers."));

        var resizing = await UpdateAsync(environment.Id, new UpdateEnvironmentRequest(null, 3, 9));
        await _engine.RunAsync(resizing.OperationId!.Value);

        var kept = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal((ComputeEnvironmentStatus.Ready, 1, 2), (kept.Status, kept.MinWorkers, kept.MaxWorkers));
        Assert.Contains("No quota for 9 workers.", kept.StatusMessage);
        Assert.Equal(OperationStatus.Failed, (await _engine.OperationAsync(resizing.OperationId.Value)).Status);
    }

    [Fact]
    public async Task Only_a_ready_environment_is_resized_and_a_rename_alone_is_no_operation()
    {
        var pending = await _engine.CreateEnvironmentAsync("not-yet-ready");
        var ready = await _engine.ReadyEnvironmentAsync("resizable");

        var refused = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>()
            .UpdateAsync(pending.Id, new UpdateEnvironmentRequest(null, 2, 3), null, Ct));
        var renamed = await UpdateAsync(ready.Id, new UpdateEnvironmentRequest("renamed-env", null, null));

        Assert.Equal(FailureKind.Conflict, refused.Failure?.Kind);
        Assert.Equal((ComputeEnvironmentStatus.Ready, "renamed-env", ready.OperationId), (renamed.Status, renamed.Name, renamed.OperationId));
    }

    [Fact]
    public async Task The_reconcile_finds_a_vanished_cluster_and_a_repair_recreates_only_it()
    {
        var environment = await _engine.ReadyEnvironmentAsync("resizable");
        var untouched = await _engine.ReadyEnvironmentAsync("untouched-env");
        _engine.Cloud.Lose(environment.Id, CloudResourceKind.Cluster);

        var degraded = await _engine.Services.GetRequiredService<EnvironmentReconciler>().ReconcileAsync(Ct);

        Assert.Equal(1, degraded);
        var found = await _engine.EnvironmentAsync(environment.Id);
        Assert.Equal(ComputeEnvironmentStatus.Degraded, found.Status);
        Assert.Equal("The cluster is missing from the cloud. Repair recreates it.", found.StatusMessage);
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(untouched.Id)).Status);

        var repairing = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().RepairAsync(environment.Id, cancellationToken: Ct));
        Assert.Equal(ComputeEnvironmentStatus.Provisioning, repairing.Value!.Status);
        await _engine.RunAsync(repairing.Value.OperationId!.Value);

        Assert.Equal(ComputeEnvironmentStatus.Ready, (await _engine.EnvironmentAsync(environment.Id)).Status);
        Assert.Equal(1, _engine.Cloud.Made(environment.Id, CloudResourceKind.Network));
        Assert.Equal(1, _engine.Cloud.Made(environment.Id, CloudResourceKind.Storage));
        Assert.Equal(2, _engine.Cloud.Made(environment.Id, CloudResourceKind.Cluster));
        Assert.Equal(3, _engine.Cloud.Live(environment.Id));
    }

    [Fact]
    public async Task Repair_is_only_for_a_degraded_environment()
    {
        var environment = await _engine.ReadyEnvironmentAsync("resizable");

        var refused = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().RepairAsync(environment.Id, cancellationToken: Ct));

        Assert.Equal(FailureKind.Conflict, refused.Failure?.Kind);
    }

    private async Task<EnvironmentView> UpdateAsync(Guid id, UpdateEnvironmentRequest request)
    {
        var result = await _engine.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().UpdateAsync(id, request, null, Ct));
        Assert.True(result.Succeeded, result.Failure?.Detail);
        return result.Value;
    }
}
