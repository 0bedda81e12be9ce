namespace DataTricks.Domain.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "DataTricks";
    public const string DefaultConnectionString = "Data Source=datatricks.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// The most connections one node opens to a PostgreSQL or SQL Server database; several nodes share the server's
    /// <c>max_connections</c>, so N nodes need N × this, plus room for administration, below it. SQLite has no pool limit.
    /// </summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;

    public const int DefaultMaxPoolSize = 32;

    /// <summary>The connection string with this node's pool size, for the providers that pool on a server.</summary>
    public string Sized(string connectionString) => Provider switch
    {
        DatabaseProvider.PostgreSql => new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString,
        DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString,
        _ => connectionString,
    };
}
