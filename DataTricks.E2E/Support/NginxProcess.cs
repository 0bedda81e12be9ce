using System.Diagnostics;
using System.Net.Sockets;

namespace DataTricks.E2E.Support;

/// <summary>
/// Debian's nginx in front of portal processes, with the repository's <c>deploy/nginx.conf</c> (its upstream and port
/// rewritten for this run), run unprivileged from a directory of its own.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProcess(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Log => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    /// <param name="upstream">The nodes' ports: a node may start after nginx, or die, as in production.</param>
    public static async Task<NginxProcess> StartAsync(params int[] upstream)
    {
        var directory = Directory.CreateTempSubdirectory("datatricks-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        var port = LoopbackPort.Free();
        var config = await File.ReadAllTextAsync(Path.Combine(SolutionDirectory.Path, "deploy", "nginx.conf"));
        var servers = string.Join("\n", upstream.Select(port => $"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;"));
        config = System.Text.RegularExpressions.Regex.Replace(config, @"(        server 127\.0\.0\.1:510\d[^\n]*\n)+", servers + "\n");
        config = config.Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};");
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), config);

        // Its log goes to a file of its own: a pipe nobody reads would stall it once full.
        config = config.Replace("error_log stderr warn;", "error_log error.log warn;");
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), config);
        var info = new ProcessStartInfo("nginx", ["-p", directory, "-c", "nginx.conf", "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;"])
        {
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new NginxProcess(process, directory, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(nginx.BaseAddress, "/healthz"))).IsSuccessStatusCode)
                    return nginx;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.HasExited)
                break;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"nginx did not answer: {nginx.Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
