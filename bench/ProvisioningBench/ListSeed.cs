using DataTricks.E2E.Support;
using Microsoft.Data.Sqlite;

namespace DataTricks.Bench;

/// <summary>
/// A large customer written straight into the portal's database (creating 50,000 users through the API would spend the
/// run hashing passwords): rows are copied from the seeded Acme ones, so every column holds what the portal writes.
/// </summary>
internal static class ListSeed
{
    public const string AdminEmail = "admin@large.test";

    public static Guid Seed(PortalFiles files, int users, int repos)
    {
        // The benchmark runs on the embedded SQLite database.
        using var connection = (SqliteConnection)files.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        var customerId = Guid.NewGuid();
        var environmentId = Guid.NewGuid();
        Execute(connection, "INSERT INTO Customers (Id, Name, NormalizedName, CreatedAt, IsPlatformOperator) SELECT $id, 'Large Co', 'LARGE CO', CreatedAt, 0 FROM Customers WHERE Name = 'Acme Analytics'",
            ("$id", Text(customerId)));
        Execute(connection,
            """
            INSERT INTO ComputeEnvironments (Id, CustomerId, Name, NormalizedName, Cloud, Region, NodeType, MinWorkers, MaxWorkers, Status, StatusMessage, CreatedAt, UpdatedAt, ReadyAt, DeletedAt, Version, CurrentOperationId)
            SELECT $id, $customer, 'large-env', 'LARGE-ENV', Cloud, Region, NodeType, MinWorkers, MaxWorkers, Status, StatusMessage, CreatedAt, UpdatedAt, ReadyAt, NULL, 1, NULL
            FROM ComputeEnvironments WHERE Name = 'prod-analytics'
            """, ("$id", Text(environmentId)), ("$customer", Text(customerId)));

        using var user = Command(connection,
            """
            INSERT INTO Users (Id, CustomerId, DisplayName, IsActive, CreatedAt, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, SessionStamp)
            SELECT $id, $customer, $name, 1, CreatedAt, $email, upper($email), $email, upper($email), 1, PasswordHash, $stamp, $stamp, 0, 0, 1, 0, $stamp
            FROM Users WHERE Email = 'admin@acme.test'
            """, "$id", "$customer", "$name", "$email", "$stamp");
        for (var i = 0; i <= users; i++)
        {
            var email = i == 0 ? AdminEmail : $"user-{i:00000}@large.test";
            Run(user, Text(Guid.NewGuid()), Text(customerId), i == 0 ? "Large Admin" : $"User {i:00000}", email, Guid.NewGuid().ToString("N"));
        }
        Execute(connection, "INSERT INTO UserRoles (UserId, RoleId) SELECT u.Id, r.Id FROM Users u, Roles r WHERE u.Email = $email AND r.Name = 'Admin'", ("$email", AdminEmail));

        using var repo = Command(connection,
            "INSERT INTO Repos (Id, CustomerId, Name, NormalizedName, Description, ComputeEnvironmentId, CreatedAt, UpdatedAt) SELECT $id, $customer, $name, upper($name), NULL, $environment, CreatedAt, CreatedAt FROM Customers WHERE Id = $customer",
            "$id", "$customer", "$name", "$environment");
        for (var i = 1; i <= repos; i++)
            Run(repo, Text(Guid.NewGuid()), Text(customerId), $"repo-{i:00000}", Text(environmentId));
        transaction.Commit();
        return customerId;
    }

    // EF Core keeps Guids in SQLite as upper-case text.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
