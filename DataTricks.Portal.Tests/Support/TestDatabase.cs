using DataTricks.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A migrated SQLite database in a temp file: the real schema, as the portal creates it.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly TempSqliteFile _file = new();

    public string ConnectionString => _file.ConnectionString;

    public SqliteDataTricksDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteDataTricksDbContext>().UseSqlite(ConnectionString).Options);

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
