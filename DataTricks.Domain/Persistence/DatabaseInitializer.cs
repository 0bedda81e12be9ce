using DataTricks.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Persistence;

/// <summary>What start-up does to the database: apply migrations and seed the demo, each when configured.</summary>
public sealed class DatabaseInitializer(
    DataTricksDbContext db, DemoSeeder seeder, IOptions<DatabaseOptions> database, IOptions<DemoSeedOptions> seed)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (database.Value.MigrateOnStartup)
            await db.Database.MigrateAsync(cancellationToken);
        if (seed.Value.Demo)
            await seeder.SeedAsync(cancellationToken);
    }
}
