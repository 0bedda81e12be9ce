using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DataTricks.Domain.Infrastructure.Persistence;

public sealed class SqliteDataTricksDbContext(DbContextOptions<SqliteDataTricksDbContext> options, ITenantContext tenant)
    : DataTricksDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no offset-aware type and EF cannot order or compare DateTimeOffset text there;
        // a sortable integer keeps "newest first" and lease expiry queries in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
