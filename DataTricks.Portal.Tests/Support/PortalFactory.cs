using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataTricks.Portal.Tests.Support;

/// <summary>The whole portal in memory, on a SQLite file of its own, with the demo seeded and a clock the test moves.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TempDatabase _database = TempDatabase.Migrated();
    private readonly TempSqliteFile _cloud = new();
    private readonly TimeSpan _cloudStepDelay;

    // A host that watches appsettings.json holds one of the user's 128 inotify instances until it is disposed; a
    // long-lived test process (Stryker's) builds hundreds of hosts and ran out, failing tests for no fault of the code.
    // Read from the environment because the host reads it before any setting the factory gives.
    static PortalFactory() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

    /// <summary>A cloud that answers at once: tests move the fake clock only for retries, leases and timeouts.</summary>
    public PortalFactory() : this(TimeSpan.Zero)
    {
    }

    // Not public: a class fixture has exactly one public constructor.
    protected PortalFactory(TimeSpan cloudStepDelay) => _cloudStepDelay = cloudStepDelay;

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The portal's SQLite file, for tests of what is at rest; null when the run targets PostgreSQL.</summary>
    public string? SqliteFile => _database.SqliteFile;

    /// <summary>The simulated cloud's own database, where tests inject faults and count resources.</summary>
    public string CloudConnectionString => _cloud.ConnectionString;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As in Development: a singleton that captures a scoped service fails the start, not a request in production.
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        foreach (var (key, value) in _database.Settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Seed:Demo", "true");
        // Every test client shares one address; the rate-limit tests set their own limits.
        builder.UseSetting("RateLimiting:SignInPerAddress", "100000");
        builder.UseSetting("RateLimiting:SignInFreeFailures", "100000");
        foreach (var limit in new[] { "ApiPerToken", "ApiPerCustomer" })
        {
            builder.UseSetting($"RateLimiting:{limit}:PermitsPerSecond", "100000");
            builder.UseSetting($"RateLimiting:{limit}:Burst", "100000");
        }
        builder.UseSetting("SimulatedCloud:ConnectionString", _cloud.ConnectionString);
        // The tests' OpenID provider runs on this machine, over plain http.
        builder.UseSetting("Sso:AllowInsecureIssuers", "true");
        // So do the webhook receivers; the address checks have tests of their own, with this off.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        // The cloud waits on the fake clock: with a delay, an operation stays in flight until the test moves time.
        builder.UseSetting("SimulatedCloud:StepDelay", _cloudStepDelay.ToString("c"));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time).UseFastPasswordHashing());
    }

    /// <summary>Runs <paramref name="work"/> against the portal's database, seeing every customer.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<DataTricksDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<DataTricksDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
        _cloud.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A portal whose cloud takes a minute of the fake clock per call: operations stay in flight until the test moves time.</summary>
public sealed class SlowCloudPortalFactory() : PortalFactory(TimeSpan.FromMinutes(1));
