using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A database of its own for one test or test class, on the provider the run targets, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _name;
    private readonly bool _pooled;

    public TempDatabase() : this($"dt_test_{Guid.NewGuid():N}", pooled: false)
    {
    }

    private TempDatabase(string name, bool pooled)
    {
        _name = name;
        _pooled = pooled;
    }

    public DatabaseProvider Provider { get; } = TestProvider.Current;

    /// <summary>A database with the latest schema, as the portal's migrations leave it, copied from the run's template.</summary>
    public static TempDatabase Migrated()
    {
        if (TestProvider.IsPostgreSql)
            return new TempDatabase(PostgresDatabasePool.Rent(), pooled: true);
        var database = new TempDatabase();
        MigratedTemplate.CopyTo(database.SqliteFile!);
        return database;
    }

    /// <summary>The SQLite file, for tests that look at what is at rest; null on PostgreSQL.</summary>
    public string? SqliteFile => Provider == DatabaseProvider.Sqlite ? Path.Combine(Path.GetTempPath(), _name + ".db") : null;

    public string ConnectionString => SqliteFile is { } file ? $"Data Source={file}" : $"{TestProvider.PostgresServer};Database={_name}";

    /// <summary>What points the portal or the domain services at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:DataTricks"] = ConnectionString,
    };

    /// <summary>A context seeing <paramref name="scope"/> (every customer by default, as the migrations need).</summary>
    public DataTricksDbContext CreateContext(TenantScope? scope = null) => ContextOn(ConnectionString, scope ?? TenantScope.System);

    /// <summary>A context of the run's provider on <paramref name="connectionString"/>, seeing <paramref name="scope"/>.</summary>
    internal static DataTricksDbContext ContextOn(string connectionString, TenantScope scope)
    {
        var tenant = new TenantContext(TimeProvider.System);
        tenant.Set(scope);
        return TestProvider.IsPostgreSql
            ? new PostgreSqlDataTricksDbContext(new DbContextOptionsBuilder<PostgreSqlDataTricksDbContext>().UseNpgsql(connectionString).Options, tenant)
            : new SqliteDataTricksDbContext(new DbContextOptionsBuilder<SqliteDataTricksDbContext>().UseSqlite(connectionString).Options, tenant);
    }

    /// <summary>Runs <paramref name="sql"/> on the PostgreSQL server's own database, as its databases are made and dropped.</summary>
    internal static void OnPostgresServer(string sql)
    {
        using var server = new NpgsqlConnection($"{TestProvider.PostgresServer};Database=postgres;Pooling=false");
        server.Open();
        using var command = server.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (SqliteFile is { } file)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
            return;
        }
        if (_pooled)
        {
            PostgresDatabasePool.Return(_name);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        OnPostgresServer($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }
}
