using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DataTricks.E2E.Support;

/// <summary>
/// The databases of a portal (its own and its simulated cloud's), which outlive its processes: killed, restarted or
/// doubled. The portal's database is a SQLite file, or a PostgreSQL database of its own when the run targets
/// PostgreSQL (<c>DATATRICKS_TEST_DATABASE=PostgreSql</c> on the server <c>DATATRICKS_TEST_POSTGRES</c>).
/// </summary>
public sealed class PortalFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datatricks-e2e-").FullName;
    private readonly string _postgresDatabase = $"dt_e2e_{Guid.NewGuid():N}";
    private readonly string? _postgresServer;

    /// <summary>The portal's database on the run's choice: PostgreSQL when the run targets it, else a SQLite file.</summary>
    public PortalFiles() : this(OnPostgreSql ? PostgresServer : null)
    {
    }

    /// <param name="postgresServer">The PostgreSQL server to make the portal's database on; null for a SQLite file.</param>
    public PortalFiles(string? postgresServer) => _postgresServer = postgresServer;

    public static bool OnPostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable("DATATRICKS_TEST_DATABASE"), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    private static string PostgresServer => Environment.GetEnvironmentVariable("DATATRICKS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DATATRICKS_TEST_DATABASE=PostgreSql needs DATATRICKS_TEST_POSTGRES.");

    public string Database => Path.Combine(_directory, "portal.db");
    public string Cloud => Path.Combine(_directory, "simcloud.db");

    public bool UsesPostgreSql => _postgresServer is not null;

    private string DatabaseConnectionString => UsesPostgreSql ? $"{_postgresServer};Database={_postgresDatabase}" : $"Data Source={Database}";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = UsesPostgreSql ? "PostgreSql" : "Sqlite",
        ["ConnectionStrings:DataTricks"] = DatabaseConnectionString,
        ["SimulatedCloud:ConnectionString"] = $"Data Source={Cloud}",
    };

    public SqliteConnection OpenCloud() => OpenSqlite(Cloud);

    /// <summary>The portal's database; write SQL with quoted identifiers so it runs on both providers.</summary>
    public DbConnection OpenDatabase()
    {
        if (!UsesPostgreSql)
            return OpenSqlite(Database);
        var connection = new NpgsqlConnection(DatabaseConnectionString);
        connection.Open();
        return connection;
    }

    private static SqliteConnection OpenSqlite(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (!UsesPostgreSql)
            return;
        NpgsqlConnection.ClearAllPools();
        using var server = new NpgsqlConnection($"{_postgresServer};Database=postgres");
        server.Open();
        using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
