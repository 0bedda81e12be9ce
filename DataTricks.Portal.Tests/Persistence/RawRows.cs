using System.Data.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Portal.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DataTricks.Portal.Tests.Persistence;

/// <summary>
/// Writes rows with plain SQL, bypassing EF and every service, so the tests see what the database itself allows.
/// Values are written the way EF Core's provider stores them: on SQLite, Guids as upper-case text and times as integers.
/// </summary>
internal sealed class RawRows(DbConnection connection, DatabaseProvider provider)
{
    public static async Task<RawRows> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        return new RawRows(connection, database.Provider);
    }

    public DbConnection Connection => connection;

    public async Task<Guid> CustomerAsync(string name)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """INSERT INTO "Customers" ("Id", "Name", "NormalizedName", "CreatedAt", "IsPlatformOperator") VALUES (@id, @name, @normalized, @now, @false)""",
            ("@id", Value(id)), ("@name", name), ("@normalized", name.ToUpperInvariant()), ("@now", Now), ("@false", false));
        return id;
    }

    public async Task<Guid> UserAsync(Guid? customerId, string email)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO "Users" ("Id", "CustomerId", "DisplayName", "IsActive", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                                 "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "SessionStamp")
            VALUES (@id, @customer, @email, @true, @now, @email, @normalized, @email, @normalized, @true, @false, @false, @true, 0, 'stamp')
            """,
            ("@id", Value(id)), ("@customer", customerId is { } c ? Value(c) : DBNull.Value), ("@email", email), ("@normalized", email.ToUpperInvariant()),
            ("@now", Now), ("@true", true), ("@false", false));
        return id;
    }

    public async Task<Guid> EnvironmentAsync(Guid? customerId, string name, string status = "Ready", int minWorkers = 1, int maxWorkers = 2)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO "ComputeEnvironments" ("Id", "CustomerId", "Name", "NormalizedName", "Cloud", "Region", "NodeType", "MinWorkers", "MaxWorkers",
                                               "Status", "CreatedAt", "UpdatedAt", "Version")
            VALUES (@id, @customer, @name, @normalized, 'Aws', 'us-east-1', 'm5.xlarge', @min, @max, @status, @now, @now, 1)
            """,
            ("@id", Value(id)), ("@customer", customerId is { } c ? Value(c) : DBNull.Value), ("@name", name), ("@normalized", name.ToUpperInvariant()),
            ("@min", minWorkers), ("@max", maxWorkers), ("@status", status), ("@now", Now));
        return id;
    }

    public async Task<Guid> RepoAsync(Guid customerId, Guid environmentId, string name)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO "Repos" ("Id", "CustomerId", "Name", "NormalizedName", "ComputeEnvironmentId", "CreatedAt", "UpdatedAt")
            VALUES (@id, @customer, @name, @normalized, @environment, @now, @now)
            """,
            ("@id", Value(id)), ("@customer", Value(customerId)), ("@name", name), ("@normalized", name.ToUpperInvariant()),
            ("@environment", Value(environmentId)), ("@now", Now));
        return id;
    }

    public Task SsoConnectionAsync(Guid customerId) =>
        ExecuteAsync(
            """
            INSERT INTO "SsoConnections" ("CustomerId", "Issuer", "ClientId", "ProtectedClientSecret", "DefaultRole", "AllowJustInTime", "RequireSso", "Version", "UpdatedAt")
            VALUES (@customer, 'https://login.example.test', 'client', 'sealed', 'Member', @false, @false, 1, @now)
            """,
            ("@customer", Value(customerId)), ("@false", false), ("@now", Now));

    public Task SsoDomainAsync(Guid customerId, string domain) =>
        ExecuteAsync("""INSERT INTO "SsoDomains" ("Name", "CustomerId") VALUES (@name, @customer)""", ("@name", domain), ("@customer", Value(customerId)));

    public Task BreakGlassAdminAsync(Guid customerId, Guid userId) =>
        ExecuteAsync("""INSERT INTO "SsoBreakGlassAdmins" ("CustomerId", "UserId") VALUES (@customer, @user)""", ("@customer", Value(customerId)), ("@user", Value(userId)));

    public Task SsoLinkAsync(Guid customerId, string subject, Guid userId) =>
        ExecuteAsync(
            """INSERT INTO "SsoLinks" ("CustomerId", "Issuer", "Subject", "UserId", "LinkedAt") VALUES (@customer, 'https://login.example.test', @subject, @user, @now)""",
            ("@customer", Value(customerId)), ("@subject", subject), ("@user", Value(userId)), ("@now", Now));

    public Task MembershipAsync(Guid customerId, Guid repoId, Guid userId) =>
        ExecuteAsync(
            """INSERT INTO "RepoMembers" ("CustomerId", "RepoId", "UserId", "AddedAt") VALUES (@customer, @repo, @user, @now)""",
            ("@customer", Value(customerId)), ("@repo", Value(repoId)), ("@user", Value(userId)), ("@now", Now));

    public async Task<Guid> GroupAsync(Guid customerId, string name)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO "Groups" ("Id", "CustomerId", "Name", "NormalizedName", "SortKey", "CreatedAt", "UpdatedAt", "Version")
            VALUES (@id, @customer, @name, @normalized, @normalized, @now, @now, 1)
            """,
            ("@id", Value(id)), ("@customer", Value(customerId)), ("@name", name), ("@normalized", name.ToUpperInvariant()), ("@now", Now));
        return id;
    }

    public Task GroupMemberAsync(Guid customerId, Guid groupId, Guid userId) =>
        ExecuteAsync(
            """INSERT INTO "GroupMembers" ("CustomerId", "GroupId", "UserId", "AddedAt") VALUES (@customer, @group, @user, @now)""",
            ("@customer", Value(customerId)), ("@group", Value(groupId)), ("@user", Value(userId)), ("@now", Now));

    public Task RepoGroupGrantAsync(Guid customerId, Guid repoId, Guid groupId) =>
        ExecuteAsync(
            """INSERT INTO "RepoGroupGrants" ("CustomerId", "RepoId", "GroupId", "GrantedAt") VALUES (@customer, @repo, @group, @now)""",
            ("@customer", Value(customerId)), ("@repo", Value(repoId)), ("@group", Value(groupId)), ("@now", Now));

    public Task OperationAsync(Guid? customerId, Guid environmentId) =>
        ExecuteAsync(
            """
            INSERT INTO "Operations" ("Id", "CustomerId", "ComputeEnvironmentId", "Kind", "Status", "Attempt", "CreatedAt", "UpdatedAt", "DueAt")
            VALUES (@id, @customer, @environment, 'Create', 'NotStarted', 0, @now, @now, @now)
            """,
            ("@id", Value(Guid.NewGuid())), ("@customer", customerId is { } c ? Value(c) : DBNull.Value), ("@environment", Value(environmentId)), ("@now", Now));

    public Task AuditEventAsync(Guid? customerId) =>
        ExecuteAsync(
            """INSERT INTO "AuditEvents" ("Id", "CustomerId", "Action", "OccurredAt") VALUES (@id, @customer, 'test', @now)""",
            ("@id", Value(Guid.NewGuid())), ("@customer", customerId is { } c ? Value(c) : DBNull.Value), ("@now", Now));

    public Task DeleteAsync(string table, Guid id) =>
        ExecuteAsync($"""DELETE FROM "{table}" WHERE "Id" = @id""", ("@id", Value(id)));

    public async Task<long> CountAsync(string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    private object Value(Guid id) => provider == DatabaseProvider.PostgreSql ? id : id.ToString().ToUpperInvariant();

    // SQLite keeps DateTimeOffset as a sortable integer (the portal's converter); PostgreSQL as timestamptz.
    private object Now => provider == DatabaseProvider.PostgreSql ? DateTimeOffset.UtcNow : 0L;
}
