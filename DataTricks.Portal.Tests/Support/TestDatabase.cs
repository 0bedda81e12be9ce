using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A migrated database of the run's provider: the real schema, as the portal's migrations leave it.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private TempDatabase _database = null!;

    public string ConnectionString => _database.ConnectionString;

    public DatabaseProvider Provider => TestProvider.Current;

    public Dictionary<string, string?> Settings => _database.Settings;

    /// <summary>A context seeing <paramref name="scope"/>; by default every customer, as the migrations need.</summary>
    public DataTricksDbContext CreateContext(TenantScope? scope = null) => _database.CreateContext(scope);

    public ValueTask InitializeAsync()
    {
        _database = TempDatabase.Migrated();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _database?.Dispose();
        return ValueTask.CompletedTask;
    }
}
