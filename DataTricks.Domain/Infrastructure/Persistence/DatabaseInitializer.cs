using DataTricks.Domain.Infrastructure.Seeding;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>
/// What start-up does to the database: apply migrations and seed the demo, each when configured, saying so, since a
/// first start spends its first seconds there before the portal listens.
/// </summary>
public sealed class DatabaseInitializer(
    DataTricksDbContext db, DemoSeeder seeder, ITenantContext tenant, IOptions<DatabaseOptions> database, IOptions<DemoSeedOptions> seed,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (database.Value.MigrateOnStartup)
        {
            // Migrate asks for the pending migrations itself (and logs each one it applies): no second look here.
            logger.LogInformation("Bringing the {Provider} database up to date (a new one takes a few seconds)", database.Value.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }
        // Write-ahead logging lets readers and a writer (and several portal processes) share the file; it persists in it.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        // Back-filling and seeding write rows of every customer: the start-up tasks that write across tenants.
        using var _ = tenant.Use(TenantScope.System);
        if (database.Value.MigrateOnStartup)
            await SortKeyBackfill.RunAsync(db, cancellationToken);
        if (seed.Value.Demo)
        {
            logger.LogInformation("Seeding the demo customers if missing (sign in as admin@acme.test, password Demo-Passw0rd!)");
            await seeder.SeedAsync(cancellationToken);
        }
    }
}
