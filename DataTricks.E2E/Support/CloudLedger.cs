using Microsoft.Data.Sqlite;

namespace DataTricks.E2E.Support;

/// <summary>Reads what the simulated cloud holds and was asked, straight from its own database.</summary>
public static class CloudLedger
{
    /// <summary>Live resources per environment id and kind.</summary>
    public static Dictionary<(string Environment, string Kind), long> LiveResources(PortalFiles files) =>
        CountsByEnvironment(files.Cloud, "SELECT environment_id, kind, COUNT(*) FROM cloud_resources WHERE deleted_at IS NULL GROUP BY environment_id, kind");

    /// <summary>How many successful calls of each name (e.g. "create Network") the cloud answered per environment.</summary>
    public static Dictionary<(string Environment, string Call), long> SuccessfulCalls(PortalFiles files) =>
        CountsByEnvironment(files.Cloud, "SELECT environment_id, call, COUNT(*) FROM cloud_calls WHERE outcome = 'ok' GROUP BY environment_id, call");

    /// <summary>
    /// How many pieces of work of each name the cloud started per environment. Unlike the call log, this holds when a
    /// portal dies between starting work and hearing the answer: a repeated call finds the work instead of adding some.
    /// </summary>
    public static Dictionary<(string Environment, string Call), long> Work(PortalFiles files) => Work(files.Cloud);

    /// <summary>The same, of the cloud whose store is the SQLite file <paramref name="store"/>.</summary>
    public static Dictionary<(string Environment, string Call), long> Work(string store) =>
        CountsByEnvironment(store, "SELECT environment_id, call, COUNT(*) FROM cloud_work GROUP BY environment_id, call");

    /// <summary>Drift: the environments' resources of <paramref name="kind"/> vanish from the cloud, as if deleted by hand.</summary>
    public static void Lose(PortalFiles files, IEnumerable<Guid> environmentIds, string kind)
    {
        using var connection = files.OpenCloud();
        foreach (var id in environmentIds)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM cloud_resources WHERE environment_id = $id AND kind = $kind";
            command.Parameters.AddWithValue("$id", id.ToString());
            command.Parameters.AddWithValue("$kind", kind);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
    }

    private static Dictionary<(string, string), long> CountsByEnvironment(string store, string sql)
    {
        var counts = new Dictionary<(string, string), long>();
        // The cloud creates its store and tables on its first call; before that it holds nothing.
        if (!File.Exists(store))
            return counts;
        using var connection = new SqliteConnection($"Data Source={store}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('cloud_resources', 'cloud_calls')";
        if ((long)command.ExecuteScalar()! < 2)
            return counts;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return counts;
    }
}
