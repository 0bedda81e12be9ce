using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>When the worker wakes next, and the exact moment a held claim becomes another worker's to take.</summary>
public sealed class OperationLeasesTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _engine = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private OperationLeases Leases => _engine.Services.GetRequiredService<OperationLeases>();

    private TimeSpan LeaseDuration => _engine.Services.GetRequiredService<IOptions<ProvisioningOptions>>().Value.LeaseDuration;

    [Fact]
    public async Task Nothing_unfinished_means_nothing_is_due()
    {
        Assert.Null(await Leases.NextDueAsync(Ct));

        var environment = await _engine.CreateEnvironmentAsync();
        await _engine.RunAsync(environment.OperationId!.Value);

        Assert.Null(await Leases.NextDueAsync(Ct));
    }

    [Fact]
    public async Task The_earliest_due_operation_sets_the_next_wake_up_whether_it_has_started_or_not()
    {
        _engine.Cloud.WorkTime["create Network"] = TimeSpan.FromMinutes(10);
        var started = await _engine.CreateEnvironmentAsync("started-env");
        Assert.Equal(1, await _engine.PumpAsync());
        var running = await _engine.OperationAsync(started.OperationId!.Value);
        Assert.Equal(OperationStatus.Running, running.Status);
        Assert.Equal(running.DueAt, await Leases.NextDueAsync(Ct));

        _engine.Time.Advance(TimeSpan.FromMinutes(1));
        var queued = await _engine.CreateEnvironmentAsync("queued-env");

        Assert.Equal((await _engine.OperationAsync(queued.OperationId!.Value)).DueAt, await Leases.NextDueAsync(Ct));
    }

    [Fact]
    public async Task A_held_operation_is_due_when_its_lease_runs_out_or_when_it_is_due_if_that_is_later()
    {
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));
        var held = await _engine.OperationAsync(operationId);

        Assert.Equal(held.LeaseExpiresAt, await Leases.NextDueAsync(Ct));

        var later = held.LeaseExpiresAt!.Value + TimeSpan.FromMinutes(5);
        await _engine.AsSystemAsync(db => db.Operations.Where(o => o.Id == operationId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.DueAt, later), Ct));

        Assert.Equal(later, await Leases.NextDueAsync(Ct));
    }

    [Fact]
    public async Task A_claim_is_held_up_to_the_instant_its_lease_runs_out_and_free_just_after()
    {
        var environment = await _engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-a", Ct));

        _engine.Time.Advance(LeaseDuration);
        Assert.False(await Leases.TryClaimAsync(operationId, "worker-b", Ct));

        _engine.Time.Advance(TimeSpan.FromMilliseconds(1)); // finer than SQLite keeps times (a tenth of a millisecond) would be lost
        Assert.True(await Leases.TryClaimAsync(operationId, "worker-b", Ct));
        Assert.Equal("worker-b", (await _engine.OperationAsync(operationId)).LeaseOwner);
    }
}
