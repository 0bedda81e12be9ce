using Microsoft.Data.Sqlite;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A SQLite database file of its own for one test or test class, removed afterwards.</summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile() =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"datatricks-test-{Guid.NewGuid():N}.db");

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(Path + suffix);
    }
}
