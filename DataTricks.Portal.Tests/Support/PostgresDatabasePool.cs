using System.Collections.Concurrent;
using Npgsql;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// Migrated PostgreSQL databases that one test after another uses: when a test ends its database is emptied (every row
/// the test wrote deleted, every sequence restarted) and handed to the next test. Copying the template cost the server
/// about 200 ms of CPU a database (it reads and logs every page, catalogs included) and dropping a database another
/// 10 ms, for each of the run's several hundred databases; emptying one costs a few milliseconds. Removed when the
/// process ends.
/// </summary>
internal static class PostgresDatabasePool
{
    // Rows the migrations themselves insert, which a test finds in a new database and must find in a reused one.
    private static readonly string[] KeptTables = ["__EFMigrationsHistory", "Roles"];

    private static readonly ConcurrentBag<string> Empty = [];
    private static readonly ConcurrentDictionary<string, bool> Made = new();
    private static readonly ConcurrentDictionary<string, bool> Rented = new();
    private static string? _emptyingSql;

    static PostgresDatabasePool() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();

    /// <summary>An empty migrated database: one a test has returned, or a new copy of the template.</summary>
    public static string Rent()
    {
        if (!Empty.TryTake(out var name))
        {
            name = $"dt_test_{Guid.NewGuid():N}";
            MigratedTemplate.CopyTo(name);
            Made[name] = true;
        }
        Rented[name] = true;
        return name;
    }

    /// <summary>Empties the database a test has finished with, for the next test; a second return of one rental does nothing.</summary>
    public static void Return(string name)
    {
        if (!Rented.TryRemove(name, out _))
            return;
        var connectionString = $"{TestProvider.PostgresServer};Database={name}";
        // The test's idle connections go, so a run's reused databases do not pile up connections on the server.
        using (var pooled = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(pooled);
        using (var connection = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _emptyingSql ??= WriteEmptyingSql(connection);
            command.ExecuteNonQuery();
        }
        Empty.Add(name);
    }

    private static string WriteEmptyingSql(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }
        // Foreign keys and triggers are off while the rows go (replica mode), so the order of the deletes does not matter;
        // a test that left a transaction holding locks fails here after 10 s instead of hanging the run.
        return $"""
            SET lock_timeout = '10s';
            SET session_replication_role = replica;
            {string.Concat(tables.Except(KeptTables).Select(t => $"DELETE FROM \"{t}\";\n"))}
            SET session_replication_role = DEFAULT;
            SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public';
            """;
    }

    private static void RemoveAll()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in Made.Keys)
            TempDatabase.OnPostgresServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}
