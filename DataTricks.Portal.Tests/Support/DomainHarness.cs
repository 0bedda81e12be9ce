using DataTricks.Domain;
using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.SingleSignOn;
using DataTricks.Portal.Tests.ProvisioningEngine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// The domain services and the provisioning engine on a real SQLite database, for two customers, with a scripted
/// cloud and a fake clock the harness moves to each operation's due time, so hours of cloud work pass in milliseconds.
/// </summary>
internal sealed class DomainHarness : IAsyncDisposable
{
    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;

    private DomainHarness()
    {
        Cloud = new ScriptedCloud(Time);
        Collisions = new SaveCollisions(_database);
        QueryPlans = new QueryPlans(_database);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    public ScriptedCloud Cloud { get; }

    /// <summary>Saves made to collide with a concurrent change, for the services' retries.</summary>
    public SaveCollisions Collisions { get; }

    /// <summary>How the database runs the queries of a piece of work: whether they find their rows through an index.</summary>
    public QueryPlans QueryPlans { get; }
    public Guid CustomerId { get; private set; }
    public Guid OtherCustomerId { get; private set; }

    public static async Task<DomainHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var harness = new DomainHarness();
        await harness._database.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(harness._database.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Provisioning:RetryBaseDelay"] = "00:00:01" })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        harness._services = new ServiceCollection()
            .AddLogging()
            .AddFakeLogging()
            .AddDataTricksDomain(configuration)
            .AddDataTricksSingleSignOn()
            .AddInterceptor(harness._database.Provider, harness.Collisions)
            .AddInterceptor(harness._database.Provider, harness.QueryPlans)
            .UseFastPasswordHashing()
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
        return harness;
    }

    /// <summary>Runs <paramref name="work"/> in <paramref name="scope"/>: a member, staff acting in a customer.</summary>
    public async Task<T> AsAsync<T>(TenantScope scope, Func<IServiceProvider, Task<T>> work)
    {
        await using var services = _services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<TenantContext>().Set(scope);
        return await work(services.ServiceProvider);
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
            return result.Value.Environment;
        }, customerId);

    /// <summary>Creates an environment and runs its create to the end: Ready, unless the cloud was scripted to fail it.</summary>
    public async Task<EnvironmentView> ReadyEnvironmentAsync(string name = "analytics")
    {
        var environment = await CreateEnvironmentAsync(name);
        await RunAsync(environment.OperationId!.Value);
        return environment;
    }

    /// <summary>Calls the environment service as an admin of the test customer, as a request would.</summary>
    public Task<T> EnvironmentsAsync<T>(Func<ComputeEnvironmentService, Task<T>> call) =>
        AsCustomerAsync(services => call(services.GetRequiredService<ComputeEnvironmentService>()));

    /// <summary>Queues <paramref name="count"/> creates in one write, as many requests would have; returns the environments' ids.</summary>
    public Task<List<Guid>> QueueCreatesAsync(int count) =>
        AsSystemAsync(async db =>
        {
            var now = Time.GetUtcNow();
            var ids = new List<Guid>(count);
            for (var i = 0; i < count; i++)
            {
                var environment = ComputeEnvironment.Create(CustomerId, $"scale-{i:00000}", CloudProvider.Aws, "us-east-1", null, 1, 2, now);
                var operation = Operation.Queue(CustomerId, environment.Id, OperationKind.Create, now);
                environment.Follow(operation.Id, now);
                db.ComputeEnvironments.Add(environment);
                db.Operations.Add(operation);
                ids.Add(environment.Id);
            }
            await db.SaveChangesAsync();
            return ids;
        });

    public Task<ComputeEnvironment> EnvironmentAsync(Guid id) =>
        AsCustomerAsync(services => services.GetRequiredService<DataTricksDbContext>().ComputeEnvironments.AsNoTracking().SingleAsync(e => e.Id == id));

    public Task<Operation> OperationAsync(Guid id) =>
        AsCustomerAsync(services => services.GetRequiredService<DataTricksDbContext>().Operations.AsNoTracking().SingleAsync(o => o.Id == id));

    public Task<List<OperationStepRecord>> StepsAsync(Guid operationId) =>
        AsCustomerAsync(services => services.GetRequiredService<DataTricksDbContext>().OperationSteps.AsNoTracking()
            .Where(s => s.OperationId == operationId).ToListAsync());

    /// <summary>
    /// Runs an operation to its end as <paramref name="worker"/> would: claims it when it is due, advances it, and moves
    /// the clock to when it is due next, the way the cloud's time would pass.
    /// </summary>
    public async Task RunAsync(Guid operationId, string worker = "worker-a")
    {
        var leases = _services.GetRequiredService<OperationLeases>();
        var runner = _services.GetRequiredService<OperationRunner>();
        for (var round = 0; round < 1_000; round++)
        {
            if (await leases.TryClaimAsync(operationId, worker, CancellationToken.None))
                await runner.AdvanceAsync(operationId, worker, CancellationToken.None);
            var operation = await OperationAsync(operationId);
            if (operation.IsDone)
                return;
            var next = operation.LeaseOwner is null ? operation.DueAt : operation.LeaseExpiresAt!.Value;
            Time.Advance(next > Time.GetUtcNow() ? next - Time.GetUtcNow() : TimeSpan.FromMilliseconds(1));
        }
        Assert.Fail($"Operation {operationId} did not end.");
    }

    /// <summary>
    /// One round of the worker: claims every due operation (in batches) and advances each once; returns how many.
    /// One at a time unless <paramref name="concurrency"/> says how many the worker advances at once, as a node does.
    /// </summary>
    public async Task<int> PumpAsync(string worker = "worker-a", int concurrency = 1)
    {
        var leases = _services.GetRequiredService<OperationLeases>();
        var runner = _services.GetRequiredService<OperationRunner>();
        var advanced = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        while (await leases.ClaimDueAsync(worker, 1_000, CancellationToken.None) is { Count: > 0 } claimed)
        {
            await Parallel.ForEachAsync(claimed, parallel, (id, _) => new ValueTask(runner.AdvanceAsync(id, worker, CancellationToken.None)));
            advanced += claimed.Count;
        }
        return advanced;
    }

    public IServiceProvider Services => _services;

    /// <summary>What the domain logged, for the few outcomes that are only a log line to an operator.</summary>
    public FakeLogCollector Logs => _services.GetRequiredService<FakeLogCollector>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
