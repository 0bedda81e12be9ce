using DataTricks.Domain;
using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Persistence;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Tests.ProvisioningEngine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// The domain services and the provisioning engine on a real SQLite database, for two customers, with a scripted
/// cloud and a fake clock the harness moves while an operation runs, so minutes of retries pass in milliseconds.
/// </summary>
internal sealed class DomainHarness : IAsyncDisposable
{
    private readonly TestDatabase _database = new();
    private readonly CancellationTokenSource _stop = new();
    private ServiceProvider _services = null!;
    private Task _leaseRenewal = Task.CompletedTask;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    public ScriptedCloud Cloud { get; } = new();
    public Guid CustomerId { get; private set; }
    public Guid OtherCustomerId { get; private set; }

    public static async Task<DomainHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var harness = new DomainHarness();
        await harness._database.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DataTricks"] = harness._database.ConnectionString,
                ["Provisioning:RetryBaseDelay"] = "00:00:01",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        harness._services = new ServiceCollection()
            .AddLogging()
            .AddDataTricksDomain(configuration)
            .AddSingleton<TimeProvider>(harness.Time)
            .AddSingleton<ICloud>(harness.Cloud)
            .BuildServiceProvider();
        await using var db = harness._database.CreateContext(TenantScope.System);
        var customer = Customer.Create("Engine Co", harness.Time.GetUtcNow());
        var other = Customer.Create("Other Co", harness.Time.GetUtcNow());
        db.Customers.AddRange(customer, other);
        await db.SaveChangesAsync();
        harness.CustomerId = customer.Id;
        harness.OtherCustomerId = other.Id;
        // As the worker does: one loop renews the leases of every run in flight.
        harness._leaseRenewal = harness._services.GetRequiredService<LeaseKeeper>().RunAsync(harness._stop.Token);
        return harness;
    }

    /// <summary>Runs <paramref name="work"/> as an admin of the test customer (or of <paramref name="customerId"/>), as a request would.</summary>
    public async Task<T> AsCustomerAsync<T>(Func<IServiceProvider, Task<T>> work, Guid? customerId = null)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForAdmin(customerId ?? CustomerId));
        return await work(scope.ServiceProvider);
    }

    /// <summary>Everything of every customer, for checks that nothing leaked or changed.</summary>
    public async Task<T> AsSystemAsync<T>(Func<DataTricksDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<DataTricksDbContext>());
    }

    public Task<EnvironmentView> CreateEnvironmentAsync(string name = "analytics", Guid? customerId = null) =>
        AsCustomerAsync(async services =>
        {
            var result = await services.GetRequiredService<ComputeEnvironmentService>()
                .CreateAsync(new CreateEnvironmentRequest(name, "Aws", "us-east-1", null, 1, 2), null);
            Assert.True(result.Succeeded, result.Failure?.Detail);
            return result.Value;
        }, customerId);

    public Task<ComputeEnvironment> EnvironmentAsync(Guid id) =>
        AsCustomerAsync(services => services.GetRequiredService<DataTricksDbContext>().ComputeEnvironments.AsNoTracking().SingleAsync(e => e.Id == id));

    public Task<Operation> OperationAsync(Guid id) =>
        AsCustomerAsync(services => services.GetRequiredService<DataTricksDbContext>().Operations.AsNoTracking().SingleAsync(o => o.Id == id));

    public Task<List<OperationStepRecord>> StepsAsync(Guid operationId) =>
        AsCustomerAsync(services => services.GetRequiredService<DataTricksDbContext>().OperationSteps.AsNoTracking()
            .Where(s => s.OperationId == operationId).ToListAsync());

    /// <summary>Starts an operation's run as <paramref name="worker"/>; <see cref="DriveAsync"/> moves the clock until it ends.</summary>
    public Task StartRun(Guid operationId, string worker = "worker-a", CancellationToken stopping = default)
    {
        var scope = _services.CreateAsyncScope();
        return RunInScopeAsync(scope, operationId, worker, stopping);
    }

    private static async Task RunInScopeAsync(AsyncServiceScope scope, Guid operationId, string worker, CancellationToken stopping)
    {
        await using (scope)
            await scope.ServiceProvider.GetRequiredService<OperationRunner>().RunAsync(operationId, worker, stopping);
    }

    public Task RunAsync(Guid operationId, string worker = "worker-a") => DriveAsync(StartRun(operationId, worker));

    /// <summary>Advances the fake clock in <paramref name="step"/>s until <paramref name="run"/> ends (or fails the test after a bound).</summary>
    public async Task DriveAsync(Task run, TimeSpan? step = null)
    {
        for (var i = 0; i < 20_000 && !run.IsCompleted; i++)
        {
            Time.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
        Assert.True(run.IsCompleted, "The operation did not end.");
        await run;
    }

    /// <summary>Advances the clock until <paramref name="condition"/> holds, for waiting on a run that is in flight.</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 20_000 && !condition(); i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }
        Assert.True(condition(), "The awaited condition never held.");
    }

    public IServiceProvider Services => _services;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _leaseRenewal;
        _stop.Dispose();
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
