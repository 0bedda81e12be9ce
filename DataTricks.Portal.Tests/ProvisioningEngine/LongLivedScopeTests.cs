using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>
/// A Blazor circuit keeps one DI scope, and so one DbContext, for as long as the page is open, while the worker
/// changes the same rows from its own scopes. Writes made through the circuit must start from the database's state.
/// </summary>
public sealed class LongLivedScopeTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task A_circuit_that_created_an_environment_can_retry_it_after_the_worker_failed_it()
    {
        await using var circuit = _domain.Services.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForAdmin(_domain.CustomerId));
        var environments = circuit.ServiceProvider.GetRequiredService<ComputeEnvironmentService>();
        _domain.Cloud.Fail("create Network", new PermanentCloudException("Quota", "No quota."));
        var created = (await environments.CreateAsync(new CreateEnvironmentRequest("circuit-env", "Aws", "us-east-1", null, 1, 2), null, TestContext.Current.CancellationToken)).Value!;
        await _domain.RunAsync(created.OperationId!.Value);

        var retried = await environments.RetryAsync(created.Id, TestContext.Current.CancellationToken);

        Assert.True(retried.Succeeded, retried.Failure?.Detail);
        Assert.Equal(ComputeEnvironmentStatus.Provisioning, retried.Value!.Status);
    }
}
