using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A person the test provider knows, by the login typed on its sign-in page.</summary>
public sealed record ProviderAccount(string Login, string Subject, string Email, bool EmailVerified = true, string? Name = null, bool Disabled = false);

/// <summary>
/// A real OpenID provider (panva's oidc-provider, from <c>tools/oidc-provider</c>) run with node on a free 127.0.0.1
/// port, with one confidential client and the accounts a test gives it. Every start makes a new signing key, so
/// <see cref="RestartAsync"/> is a key rotation.
/// </summary>
public sealed class OpenIdProviderProcess : IAsyncDisposable
{
    public const string ClientId = "datatricks-portal";
    public const string ClientSecret = "test-client-secret-0123456789";

    private readonly string _directory = Directory.CreateTempSubdirectory("datatricks-oidc-").FullName;
    private readonly int _port;
    private Process? _process;

    private OpenIdProviderProcess(int port) => _port = port;

    public string Issuer => $"http://127.0.0.1:{_port}";

    public List<ProviderAccount> Accounts { get; } = [];
    public List<string> RedirectUris { get; } = [];

    public static OpenIdProviderProcess Create()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new OpenIdProviderProcess(((IPEndPoint)listener.LocalEndpoint).Port);
    }

    /// <summary>Starts (or restarts, with a new key) the provider with the current accounts and redirect URIs.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var settingsPath = Path.Combine(_directory, "settings.json");
        await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(new
        {
            issuer = Issuer,
            port = _port,
            cookieKey = Guid.NewGuid().ToString("N"),
            clients = new[]
            {
                new { client_id = ClientId, client_secret = ClientSecret, redirect_uris = RedirectUris, grant_types = new[] { "authorization_code" }, response_types = new[] { "code" }, token_endpoint_auth_method = "client_secret_post" },
            },
            accounts = Accounts.ToDictionary(a => a.Login, a => new { sub = a.Subject, email = a.Email, email_verified = a.EmailVerified, name = a.Name ?? a.Login, disabled = a.Disabled }),
        }));
        // A start on a busy machine may stall (a test run on two cores starts several); one more try before failing.
        for (var attempt = 1; ; attempt++)
        {
            var (started, log) = await StartNodeAsync(settingsPath);
            if (started)
                return;
            await StopAsync();
            if (attempt == 2)
                throw new InvalidOperationException($"The OpenID provider did not start (run npm ci in tools/oidc-provider):\n{log}");
        }
    }

    private async Task<(bool Started, string Log)> StartNodeAsync(string settingsPath)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(ToolDirectory, "provider.mjs"), settingsPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (output)
                output.Add(e.Data);
            if (e.Data.StartsWith("listening", StringComparison.Ordinal))
                listening.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (output)
                    output.Add(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(45)));
        lock (output)
            return (first == listening.Task, string.Join('\n', output) + (_process.HasExited ? $"\n(exited with code {_process.ExitCode})" : "\n(no answer within 45 s)"));
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string ToolDirectory => Path.Combine(DataTricks.E2E.Support.SolutionDirectory.Path, "tools", "oidc-provider");
}
