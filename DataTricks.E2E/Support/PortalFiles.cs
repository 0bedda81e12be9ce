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

    public static bool OnPostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable("DATATRICKS_TEST_DATABASE"), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    private static string PostgresServer => Environment.GetEnvironmentVariable("DATATRICKS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DATATRICKS_TEST_DATABASE=PostgreSql needs DATATRICKS_TEST_POSTGRES.");

    public string Database => Path.Combine(_directory, "portal.db");
    public string Cloud => Path.Combine(_directory, "simcloud.db");

    private string DatabaseConnectionString => OnPostgreSql ? $"{PostgresServer};Database={_postgresDatabase}" : $"Data Source={Database}";

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = OnPostgreSql ? "PostgreSql" : "Sqlite",
        ["ConnectionStrings:DataTricks"] = DatabaseConnectionString,
        ["SimulatedCloud:ConnectionString"] = $"Data Source={Cloud}",
    };

    public SqliteConnection OpenCloud() => OpenSqlite(Cloud);

    /// <summary>The portal's database; write SQL with quoted identifiers so it runs on both providers.</summary>
    public DbConnection OpenDatabase()
    {
        if (!OnPostgreSql)
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
        if (!OnPostgreSql)
            return;
        NpgsqlConnection.ClearAllPools();
        using var server = new NpgsqlConnection($"{PostgresServer};Database=postgres");
        server.Open();
        using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
