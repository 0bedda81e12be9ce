using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace DataTricks.Bench;

/// <summary>A Release build of the portal in a child process, on temp databases, as production would run it.</summary>
internal sealed class BenchPortal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private BenchPortal(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BenchPortal> StartAsync(Dictionary<string, string> settings)
    {
        var directory = Directory.CreateTempSubdirectory("datatricks-bench-").FullName;
        var port = FreePort();
        var root = SolutionDirectory();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root, "DataTricks.Portal"), RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(root, "DataTricks.Portal", "bin", configuration, "net10.0", "DataTricks.Portal.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["Seed__Demo"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        info.Environment["ConnectionStrings__DataTricks"] = $"Data Source={Path.Combine(directory, "portal.db")}";
        info.Environment["SimulatedCloud__ConnectionString"] = $"Data Source={Path.Combine(directory, "simcloud.db")}";
        foreach (var (key, value) in settings)
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains("Now listening", StringComparison.Ordinal))
                break;
        }
        _ = process.StandardOutput.ReadToEndAsync();
        return new BenchPortal(process, directory, new Uri($"http://127.0.0.1:{port}"));
    }

    public int Threads() => File.ReadLines($"/proc/{_process.Id}/status")
        .Where(l => l.StartsWith("Threads:", StringComparison.Ordinal)).Select(l => int.Parse(l["Threads:".Length..].Trim())).Single();

    public long RunningOperations()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "portal.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Operations WHERE Status = 'Running'";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string SolutionDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DataTricks.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("DataTricks.sln not found");
    }
}
