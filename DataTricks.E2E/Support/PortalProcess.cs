using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DataTricks.E2E.Support;

/// <summary>
/// The real portal as a child process on a free loopback port: what a customer's browser talks to, and what the
/// resilience tests kill (SIGKILL, no goodbye) and start again on the same files.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private ProcessOutput? _output;
    private bool _killedByTest;

    private PortalProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get { return _output?.Text ?? ""; }
    }

    /// <param name="port">A port to reuse, to restart a portal where its open pages expect it; a free one by default.</param>
    public static Task<PortalProcess> StartAsync(PortalFiles files, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Seed__Demo"] = "true",
            // Every browser test signs in from 127.0.0.1.
            ["RateLimiting__SignInPerAddress"] = "100000",
            ["RateLimiting__SignInFreeFailures"] = "100000",
            // The tests' OpenID provider runs on this machine, over plain http.
            ["Sso__AllowInsecureIssuers"] = "true",
        };
        foreach (var limit in new[] { "ApiPerToken", "ApiPerCustomer" })
        {
            environment[$"RateLimiting__{limit}__PermitsPerSecond"] = "100000";
            environment[$"RateLimiting__{limit}__Burst"] = "100000";
        }
        return LaunchAsync([], files.Settings.Concat(settings ?? new Dictionary<string, string>()), environment, port);
    }

    /// <summary>
    /// The simulated cloud as its own service on the files' cloud store, as a cluster's nodes share it: start them with
    /// <see cref="NodeSettings"/>. The cloud's settings (<c>SimulatedCloud:StepDelay</c>, …) are given here.
    /// </summary>
    public static Task<PortalProcess> StartCloudAsync(PortalFiles files, IReadOnlyDictionary<string, string> settings) =>
        LaunchAsync(["--simulated-cloud"], files.Settings.Concat(settings), new Dictionary<string, string>(), port: null);

    /// <summary>A node's settings with this process as its cloud.</summary>
    public Dictionary<string, string> NodeSettings(IReadOnlyDictionary<string, string>? settings = null) =>
        new(settings ?? new Dictionary<string, string>()) { ["SimulatedCloud:Url"] = BaseAddress.ToString() };

    private static async Task<PortalProcess> LaunchAsync(
        string[] arguments, IEnumerable<KeyValuePair<string, string>> settings, Dictionary<string, string> environment, int? port)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? LoopbackPort.Free()}");
        var portalDirectory = Path.Combine(SolutionDirectory.Path, "DataTricks.Portal");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = portalDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(portalDirectory, "bin", BuildConfiguration(), "net10.0", "DataTricks.Portal.dll"));
        foreach (var argument in arguments.Concat(["--urls", baseAddress.ToString()]))
            info.ArgumentList.Add(argument);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment.Concat(settings))
            info.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var portal = new PortalProcess(process, baseAddress);
        await portal.WaitUntilListeningAsync();
        return portal;
    }

    private async Task WaitUntilListeningAsync()
    {
        _output = new ProcessOutput(_process, "Now listening on");
        var first = await Task.WhenAny(_output.Marked, _process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (first != _output.Marked)
        {
            await KillAsync();
            throw new InvalidOperationException($"The portal did not start listening on {BaseAddress}:\n{Output}");
        }
    }

    /// <summary>Kills the process at once, as a crash or an out-of-memory kill would.</summary>
    public async Task KillAsync()
    {
        _killedByTest = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Stops the portal and writes what it printed into the test's output, which a failed test shows: a node that
    /// stopped answering then says why (an exception, an exit of its own) instead of leaving only "connection refused".
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var exitedByItself = _process.HasExited && !_killedByTest;
        await KillAsync();
        var ending = exitedByItself ? $"exited by itself with code {_process.ExitCode}" : "was stopped by the test";
        ReportStop($"The portal on {BaseAddress} (process {_process.Id}) {ending}. It printed:\n{Output}");
        _process.Dispose();
    }

    /// <summary>Where a stopped portal's output goes: the test's output in the tests; nowhere in the bench, which prints its own.</summary>
    static partial void ReportStop(string text);

    /// <summary>The configuration this test assembly was built in (bin/&lt;Configuration&gt;/net10.0), which the portal shares.</summary>
    public static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
