using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.CloudSimulator;
using DataTricks.Portal.CloudSimulator;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>
/// The simulated cloud as its own service, called over HTTP the way a cluster's nodes call it: the same answers and
/// faults as the cloud a node runs itself, and a service that cannot be reached is a fault worth retrying.
/// </summary>
public sealed class SimulatedCloudServiceTests : IAsyncLifetime
{
    private static readonly CloudSpec Spec = new(CloudProvider.Aws, "us-east-1", "m5.xlarge", 1, 2);
    private readonly TempSqliteFile _store = new();
    private readonly List<(WebApplication Service, HttpClient Http)> _services = [];
    private SimulatedCloudClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // An hour a call: work begun here is still under way when the test looks.
    public async ValueTask InitializeAsync() => _client = await StartAsync("01:00:00");

    public async ValueTask DisposeAsync()
    {
        foreach (var (service, http) in _services)
        {
            http.Dispose();
            await service.DisposeAsync();
        }
        _store.Dispose();
    }

    /// <summary>A service on a free port over this test's store, as a node's client calls it.</summary>
    private async Task<SimulatedCloudClient> StartAsync(string stepDelay)
    {
        var service = SimulatedCloudService.Build(
        [
            SimulatedCloudService.Switch, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            $"--SimulatedCloud:ConnectionString={_store.ConnectionString}", $"--SimulatedCloud:StepDelay={stepDelay}",
        ]);
        await service.StartAsync(Ct);
        var http = new HttpClient { BaseAddress = new Uri(service.Urls.Single()) };
        _services.Add((service, http));
        return new SimulatedCloudClient(http);
    }

    [Fact]
    public async Task A_call_begun_again_with_its_key_finds_the_work_the_first_began()
    {
        var call = Call(CloudCallKind.CreateNetwork);
        Assert.False((await _client.CheckAsync(call, Ct)).Known);

        var begun = await _client.BeginAsync(call, Ct);
        var again = await _client.BeginAsync(call, Ct);

        Assert.False(begun.Done);
        Assert.InRange(begun.ReadyAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(begun, again);
        Assert.Equal(begun, await _client.CheckAsync(call, Ct));
    }

    [Fact]
    public async Task Work_done_makes_its_resource_live()
    {
        var client = await StartAsync("00:00:00");
        var call = Call(CloudCallKind.CreateStorage);

        Assert.Equal(CloudProgress.Finished, await client.BeginAsync(call, Ct));

        Assert.Equal([CloudResourceKind.Storage], await client.LiveResourcesAsync(call.EnvironmentId, Ct));
        Assert.Empty(await client.LiveResourcesAsync(Guid.NewGuid(), Ct));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_injected_fault_reaches_the_caller_as_the_cloud_raised_it(bool permanent)
    {
        // As a chaos tool would, through the service.
        var injected = await _services[0].Http.PostAsJsonAsync(SimulatedCloudProtocol.FaultsRoute,
            new CloudFaultInjection("create Cluster", permanent, "Quota exceeded for m5.xlarge."), SimulatedCloudProtocol.Json, Ct);
        Assert.Equal(HttpStatusCode.NoContent, injected.StatusCode);

        var fault = await Assert.ThrowsAnyAsync<CloudException>(() => _client.BeginAsync(Call(CloudCallKind.CreateCluster), Ct));

        Assert.Equal(permanent, fault is PermanentCloudException);
        Assert.Equal(("InjectedFault", "Quota exceeded for m5.xlarge."), (fault.Code, fault.Message));
    }

    [Fact]
    public async Task A_fault_found_when_checking_reaches_the_caller()
    {
        var client = await StartAsync("00:00:00");

        // A cluster verified that was never made.
        var fault = await Assert.ThrowsAsync<PermanentCloudException>(() => client.BeginAsync(Call(CloudCallKind.VerifyCluster), Ct));

        Assert.Equal("ClusterNotFound", fault.Code);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_transient_fault()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var fault = await Assert.ThrowsAsync<TransientCloudException>(() => new SimulatedCloudClient(http).BeginAsync(Call(CloudCallKind.CreateNetwork), Ct));

        Assert.Equal("Unreachable", fault.Code);
    }

    [Fact]
    public async Task A_call_the_caller_gives_up_is_canceled_not_a_fault()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.BeginAsync(Call(CloudCallKind.CreateNetwork), canceled.Token));
    }

    private static CloudCall Call(CloudCallKind kind)
    {
        var environmentId = Guid.NewGuid();
        return new CloudCall(environmentId, kind, $"{environmentId}:{kind}", Spec);
    }
}
