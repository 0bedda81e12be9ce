using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DataTricks.E2E.Support;

/// <summary>
/// The real portal as a child process on a free loopback port with a SQLite file of its own:
/// what a customer's browser talks to, restarts and all.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _databasePath;

    private PortalProcess(Process process, string databasePath, Uri baseAddress)
    {
        _process = process;
        _databasePath = databasePath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"datatricks-e2e-{Guid.NewGuid():N}.db");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var portalDirectory = Path.Combine(SolutionDirectory(), "DataTricks.Portal");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = portalDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(portalDirectory, "bin", BuildConfiguration(), "net10.0", "DataTricks.Portal.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString());
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__DataTricks"] = $"Data Source={databasePath}";
        info.Environment["Seed__Demo"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var portal = new PortalProcess(process, databasePath, baseAddress);
        await portal.WaitUntilListeningAsync();
        return portal;
    }

    private async Task WaitUntilListeningAsync()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
                listening.TrySetResult();
        }
        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout));
        if (first != listening.Task)
        {
            await DisposeAsync();
            lock (output)
                throw new InvalidOperationException($"The portal did not start listening on {BaseAddress}:\n{output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
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
        throw new InvalidOperationException("DataTricks.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The configuration this test assembly was built in (bin/&lt;Configuration&gt;/net10.0), which the portal shares.</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
