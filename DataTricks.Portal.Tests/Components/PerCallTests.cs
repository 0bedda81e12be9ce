using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Components;

/// <summary>
/// A Blazor circuit lives as long as its page, while the worker changes the same rows elsewhere. Components call
/// services through <see cref="PerCall{TService}"/>, so each call has a DbContext of its own, in the circuit's tenant.
/// </summary>
public sealed class PerCallTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task A_page_that_created_an_environment_can_retry_it_after_the_worker_failed_it()
    {
        await using var circuit = _domain.Services.CreateAsyncScope();
        var environments = OpenPage.Calling<ComputeEnvironmentService>(circuit, TenantScope.ForAdmin(_domain.CustomerId));
        _domain.Cloud.Fail("create Network", new PermanentCloudException("Quota", "No quota."));
        var created = (await environments.RunAsync(s => s.CreateAsync(new CreateEnvironmentRequest("circuit-env", "Aws", "us-east-1", null, 1, 2), null, Ct))).Value!.Environment;
        await _domain.RunAsync(created.OperationId!.Value);

        var retried = await environments.RunAsync(s => s.RetryAsync(created.Id, cancellationToken: Ct));

        Assert.True(retried.Succeeded, retried.Failure?.Detail);
        Assert.Equal(ComputeEnvironmentStatus.Provisioning, retried.Value!.Status);
    }

    [Fact]
    public async Task Each_call_has_a_context_of_its_own_in_the_circuits_current_tenant()
    {
        await using var circuit = _domain.Services.CreateAsyncScope();
        var contexts = OpenPage.Calling<DataTricksDbContext>(circuit, TenantScope.ForAdmin(_domain.CustomerId));

        var first = await contexts.RunAsync(db => Task.FromResult(db));
        var second = await contexts.RunAsync(db => Task.FromResult(db));
        circuit.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForCustomer(_domain.OtherCustomerId));
        var customer = await contexts.RunAsync(db => Task.FromResult(db.Customers.Single().Id));

        Assert.NotSame(first, second);
        Assert.NotSame(circuit.ServiceProvider.GetRequiredService<DataTricksDbContext>(), first);
        Assert.Equal(_domain.OtherCustomerId, customer);
    }
}
