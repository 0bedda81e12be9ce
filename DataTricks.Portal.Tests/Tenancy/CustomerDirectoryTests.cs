using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Tenancy;

/// <summary>What support staff see of each customer before choosing whom to help: what needs attention and when it was last active.</summary>
public sealed class CustomerDirectoryTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _engine = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Each_customer_shows_its_failed_or_degraded_environments_and_its_last_activity()
    {
        await _engine.CreateEnvironmentAsync("healthy-env");
        var failing = await _engine.CreateEnvironmentAsync("failing-env");
        _engine.Time.Advance(TimeSpan.FromMinutes(5));
        await _engine.AsSystemAsync(async db =>
        {
            var environment = await db.ComputeEnvironments.SingleAsync(e => e.Id == failing.Id, Ct);
            environment.MarkProvisioning("Creating network", _engine.Time.GetUtcNow());
            environment.MarkFailed("The cloud refused the network.", _engine.Time.GetUtcNow());
            return await db.SaveChangesAsync(Ct);
        });

        await using var scope = _engine.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        var page = await scope.ServiceProvider.GetRequiredService<CustomerDirectoryService>().ListAsync(new ListQuery(null, 0, 25), Ct);

        var engineCo = page.Items.Single(c => c.Id == _engine.CustomerId);
        var other = page.Items.Single(c => c.Id == _engine.OtherCustomerId);
        Assert.Equal((2, 1), (engineCo.EnvironmentCount, engineCo.EnvironmentsNeedingAttention));
        Assert.Equal(failing.CreatedAt, engineCo.LastActivityAt);
        Assert.Equal((0, (DateTimeOffset?)null), (other.EnvironmentsNeedingAttention, other.LastActivityAt));
    }
}
