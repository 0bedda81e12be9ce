using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A migrated database of the run's provider: the real schema, as the portal creates it.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public string ConnectionString => _database.ConnectionString;

    public DatabaseProvider Provider => _database.Provider;

    public Dictionary<string, string?> Settings => _database.Settings;

    /// <summary>A context seeing <paramref name="scope"/>; by default every customer, as the migrations need.</summary>
    public DataTricksDbContext CreateContext(TenantScope? scope = null) => _database.CreateContext(scope);

    public async ValueTask InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}
