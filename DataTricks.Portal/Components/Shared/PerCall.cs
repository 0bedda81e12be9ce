using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// How components call a domain service: each call gets a DI scope of its own (so a DbContext of its own, disposed
/// when the call ends) in the circuit's tenant scope as the database says it is now. A Blazor circuit lives for as long
/// as the page is open; its services would otherwise share one DbContext for all that time, handing back stale entities
/// and running the page's and its cards' queries on one context at once, and its rights would be those of the moment
/// the page learned them. When the rights turn out to have changed (on another node, say), the page is told to re-check.
/// </summary>
public sealed class PerCall<TService>(IServiceScopeFactory scopes, TenantContext tenant, AuthenticationStateProvider? authentication = null)
    where TService : notnull
{
    public async Task<T> RunAsync<T>(Func<TService, Task<T>> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        var stored = tenant.Scope;
        var current = await scope.ServiceProvider.GetRequiredService<CurrentRights>().RefreshAsync(stored);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(current);
        if (current != stored && authentication is PortalAuthenticationStateProvider circuit)
            _ = circuit.RevalidateAsync();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task RunAsync(Func<TService, Task> call) =>
        RunAsync(async service =>
        {
            await call(service);
            return true;
        });
}
