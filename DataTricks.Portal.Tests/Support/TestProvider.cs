using DataTricks.Domain.Infrastructure.Persistence;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// The database the test run targets: SQLite by default; PostgreSQL when <c>DATATRICKS_TEST_DATABASE=PostgreSql</c>, on
/// the server <c>DATATRICKS_TEST_POSTGRES</c> names (the README's test command starts one and sets both).
/// </summary>
public static class TestProvider
{
    public static DatabaseProvider Current { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("DATATRICKS_TEST_DATABASE"), ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => Current == DatabaseProvider.PostgreSql;

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("DATATRICKS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DATATRICKS_TEST_DATABASE=PostgreSql needs DATATRICKS_TEST_POSTGRES, the server's connection string.");
}
