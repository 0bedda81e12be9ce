using Microsoft.Data.Sqlite;

namespace DataTricks.Portal.Tests.Persistence;

/// <summary>
/// Writes rows with plain SQL, bypassing EF and every service, so the tests see what the database itself allows.
/// Guids are written the way EF Core's SQLite provider stores them (upper-case text).
/// </summary>
internal sealed class RawRows(SqliteConnection connection)
{
    public static async Task<RawRows> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return new RawRows(connection);
    }

    public SqliteConnection Connection => connection;

    public async Task<Guid> CustomerAsync(string name)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            "INSERT INTO Customers (Id, Name, NormalizedName, CreatedAt, IsPlatformOperator) VALUES ($id, $name, $normalized, 0, 0)",
            ("$id", Text(id)), ("$name", name), ("$normalized", name.ToUpperInvariant()));
        return id;
    }

    public async Task<Guid> UserAsync(Guid? customerId, string email)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO Users (Id, CustomerId, DisplayName, IsActive, CreatedAt, UserName, NormalizedUserName, Email, NormalizedEmail,
                               EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $customer, $email, 1, 0, $email, $normalized, $email, $normalized, 1, 0, 0, 1, 0)
            """,
            ("$id", Text(id)), ("$customer", customerId is { } c ? Text(c) : DBNull.Value),
            ("$email", email), ("$normalized", email.ToUpperInvariant()));
        return id;
    }

    public async Task<Guid> EnvironmentAsync(Guid customerId, string name, string status = "Ready")
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO ComputeEnvironments (Id, CustomerId, Name, NormalizedName, Cloud, Region, NodeType, MinWorkers, MaxWorkers,
                                             Status, CreatedAt, UpdatedAt, Version)
            VALUES ($id, $customer, $name, $normalized, 'Aws', 'us-east-1', 'm5.xlarge', 1, 2, $status, 0, 0, 1)
            """,
            ("$id", Text(id)), ("$customer", Text(customerId)), ("$name", name), ("$normalized", name.ToUpperInvariant()), ("$status", status));
        return id;
    }

    public async Task<Guid> RepoAsync(Guid customerId, Guid environmentId, string name)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO Repos (Id, CustomerId, Name, NormalizedName, ComputeEnvironmentId, CreatedAt, UpdatedAt)
            VALUES ($id, $customer, $name, $normalized, $environment, 0, 0)
            """,
            ("$id", Text(id)), ("$customer", Text(customerId)), ("$name", name), ("$normalized", name.ToUpperInvariant()),
            ("$environment", Text(environmentId)));
        return id;
    }

    public Task MembershipAsync(Guid customerId, Guid repoId, Guid userId) =>
        ExecuteAsync(
            "INSERT INTO RepoMembers (CustomerId, RepoId, UserId, AddedAt) VALUES ($customer, $repo, $user, 0)",
            ("$customer", Text(customerId)), ("$repo", Text(repoId)), ("$user", Text(userId)));

    public Task DeleteAsync(string table, Guid id) =>
        ExecuteAsync($"DELETE FROM {table} WHERE Id = $id", ("$id", Text(id)));

    public async Task<long> CountAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
