using System.Security.Claims;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace DataTricks.Portal.Security;

/// <summary>
/// Keeps an open circuit's user as the database says: re-checked at once when their rights change in this process
/// (<see cref="UserAccessNotifier"/>) and every minute otherwise (changes made by another node, an impersonation or
/// grant running out). A new role or an ended impersonation re-renders the circuit with the new rights; an ended
/// session signs it out.
/// </summary>
public sealed class PortalAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly UserAccessNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger<PortalAuthenticationStateProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Guid? _watchedUserId;
    private IDisposable? _subscription;
    private ITimer? _timer;

    public PortalAuthenticationStateProvider(
        IServiceScopeFactory scopes, UserAccessNotifier notifier, TimeProvider time, ILogger<PortalAuthenticationStateProvider> logger)
    {
        _scopes = scopes;
        _notifier = notifier;
        _time = time;
        _logger = logger;
        AuthenticationStateChanged += state => _ = WatchAsync(state);
    }

    /// <summary>Re-reads the user's rights now, and pushes a new authentication state if they changed.</summary>
    public async Task RevalidateAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var current = (await GetAuthenticationStateAsync()).User;
            if (current.Identity?.IsAuthenticated != true)
                return;
            var next = await CurrentPrincipalAsync(current);
            if (Fingerprint(next) != Fingerprint(current))
                SetAuthenticationState(Task.FromResult(new AuthenticationState(next)));
        }
        catch (Exception exception)
        {
            // The circuit keeps its rights until the next check rather than failing; the error is not hidden.
            _logger.LogError(exception, "Re-checking the rights of a circuit's user failed");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ClaimsPrincipal> CurrentPrincipalAsync(ClaimsPrincipal current)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var refreshed = await scope.ServiceProvider.GetRequiredService<SessionRefresher>().RefreshAsync(current);
        if (refreshed is null)
            return new ClaimsPrincipal(new ClaimsIdentity());
        return await scope.ServiceProvider.GetRequiredService<IClaimsTransformation>()
            .TransformAsync(TenantClaimsTransformation.Untransformed(refreshed));
    }

    private async Task WatchAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        Guid? userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        if (userId == _watchedUserId)
            return;
        StopWatching();
        _watchedUserId = userId;
        if (userId is null)
            return;
        _subscription = _notifier.Subscribe(userId.Value, RevalidateAsync);
        _timer = _time.CreateTimer(_ => _ = RevalidateAsync(), null, RevalidationInterval, RevalidationInterval);
    }

    private static string Fingerprint(ClaimsPrincipal principal) =>
        string.Join('\n', principal.Claims.Select(c => $"{c.Type}={c.Value}").Order(StringComparer.Ordinal));

    private void StopWatching()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
        _subscription = null;
        _timer = null;
    }

    public void Dispose()
    {
        StopWatching();
        _gate.Dispose();
    }
}
