using DataTricks.Domain.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A migrated SQLite database in a temp file: the real schema, as the portal creates it.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly TempSqliteFile _file = new();

    public string ConnectionString => _file.ConnectionString;

    /// <summary>A context seeing <paramref name="scope"/>; by default every customer, as the migrations need.</summary>
    public SqliteDataTricksDbContext CreateContext(TenantScope? scope = null)
    {
        var tenant = new TenantContext(TimeProvider.System);
        tenant.Set(scope ?? TenantScope.System);
        return new(new DbContextOptionsBuilder<SqliteDataTricksDbContext>().UseSqlite(ConnectionString).Options, tenant);
    }

    public async ValueTask InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public ValueTask DisposeAsync()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
