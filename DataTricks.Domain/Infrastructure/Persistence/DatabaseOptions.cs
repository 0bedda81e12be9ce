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
}
