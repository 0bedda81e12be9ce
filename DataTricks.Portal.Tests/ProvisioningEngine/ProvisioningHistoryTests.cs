using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>The estimate comes from the customer's own finished provisionings, timed on the engine's clock.</summary>
public sealed class ProvisioningHistoryTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private Task<ProvisioningEstimate> EstimateAsync(Guid? customerId = null) =>
        _engine.AsCustomerAsync(services => services.GetRequiredService<ProvisioningHistory>().EstimateAsync(), customerId);

    [Fact]
    public async Task A_customer_with_finished_provisionings_gets_their_step_times_and_another_customer_gets_none()
    {
        Assert.Null((await EstimateAsync()).Total);
        _engine.Cloud.WorkTime["create Cluster"] = TimeSpan.FromMinutes(10);
        _engine.Cloud.WorkTime["create Network"] = TimeSpan.FromMinutes(2);

        var environment = await _engine.CreateEnvironmentAsync("timed-env");
        await _engine.RunAsync(environment.OperationId!.Value);

        var estimate = await EstimateAsync();
        Assert.Equal(TimeSpan.FromMinutes(10), estimate.Typical(ProvisioningStep.CreateCluster));
        Assert.Equal(TimeSpan.FromMinutes(2), estimate.Typical(ProvisioningStep.CreateNetwork));
        Assert.NotNull(estimate.Total);
        Assert.True(estimate.Total >= TimeSpan.FromMinutes(12));
        Assert.Null((await EstimateAsync(_engine.OtherCustomerId)).Total);
    }
}
