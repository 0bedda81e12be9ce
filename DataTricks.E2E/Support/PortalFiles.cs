using Microsoft.Data.Sqlite;

namespace DataTricks.E2E.Support;

/// <summary>The databases of a portal (its own and its simulated cloud's), which outlive its processes: killed, restarted or doubled.</summary>
public sealed class PortalFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datatricks-e2e-").FullName;

    public string Database => Path.Combine(_directory, "portal.db");
    public string Cloud => Path.Combine(_directory, "simcloud.db");

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:DataTricks"] = $"Data Source={Database}",
        ["SimulatedCloud:ConnectionString"] = $"Data Source={Cloud}",
    };

    public SqliteConnection OpenCloud() => Open(Cloud);

    public SqliteConnection OpenDatabase() => Open(Database);

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
