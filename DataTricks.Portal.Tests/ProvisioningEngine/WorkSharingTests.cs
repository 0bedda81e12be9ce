using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Hosting;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>Nodes waking for the same due operations share them: none is claimed twice, none is hoarded.</summary>
public sealed class WorkSharingTests : IAsyncLifetime
{
    private DomainHarness _engine = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _engine = await DomainHarness.StartAsync(new() { ["Provisioning:MaxConcurrentOperations"] = "2" });

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Nodes_claiming_at_the_same_moment_each_get_their_share_and_no_operation_twice()
    {
        await _engine.QueueCreatesAsync(90);
        var leases = _engine.Services.GetRequiredService<OperationLeases>();

        var claims = await Task.WhenAll(Enumerable.Range(1, 3).Select(node => Task.Run(() => leases.ClaimDueAsync($"node-{node}", 30, Ct), Ct)));

        Assert.All(claims, claim => Assert.Equal(30, claim.Count));
        Assert.Equal(90, claims.SelectMany(c => c).Distinct().Count());
        var owners = await _engine.AsSystemAsync(db => db.Operations.GroupBy(o => o.LeaseOwner).Select(g => new { Owner = g.Key, Count = g.Count() }).ToListAsync(Ct));
        Assert.Equal(["node-1", "node-2", "node-3"], owners.Select(o => o.Owner).Order());
    }

    [Fact]
    public async Task A_busy_node_claims_only_what_it_can_start_and_leaves_the_rest_to_other_nodes()
    {
        await _engine.QueueCreatesAsync(5);
        _engine.Cloud.Answer = new TaskCompletionSource();
        var services = _engine.Services;
        var worker = new ProvisioningWorker(
            services.GetRequiredService<WorkerWakeup>(), services.GetRequiredService<OperationLeases>(), services.GetRequiredService<OperationRunner>(),
            services.GetRequiredService<IOptions<ProvisioningOptions>>(), _engine.Time, NullLogger<ProvisioningWorker>.Instance);
        await worker.StartAsync(Ct);
        try
        {
            // Its two slots are taken by advances waiting on the cloud.
            await Eventually.HoldsAsync(() => Task.FromResult(_engine.Cloud.Waiting == 2), "the worker to begin two cloud calls");

            var leftOver = await services.GetRequiredService<OperationLeases>().ClaimDueAsync("other-node", 10, Ct);

            Assert.Equal(3, leftOver.Count);
        }
        finally
        {
            _engine.Cloud.Answer.SetResult();
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
